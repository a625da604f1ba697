"""Layer 8, MkDocs: the plugin, the sharded build, live preview and the static server."""
