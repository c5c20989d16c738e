"""What runs only for developers and operators: measurements, generators and checks, each a
`signpost` command (see `signpost --help`)."""
