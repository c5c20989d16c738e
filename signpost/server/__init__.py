"""What runs in production: the Rasa server and the action server, started through
`python -m signpost.server`, with Signpost's privacy patches, speed patches and HTTP hardening."""
