"""Layer 7, search: the Pagefind dictionary and run, Algolia records and sync, the shared word split."""
