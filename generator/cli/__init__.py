"""Layer 10, the `klinik` command: the only place that uses click or exits."""
