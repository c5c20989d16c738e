"""The services directory: YAML source files in data/directory/, built into SQLite, looked up by the actions."""
from bot.directory.lookup import Directory, emergency_table  # noqa: F401
