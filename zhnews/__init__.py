"""The ``zhnews`` command: one entry point for the cleaning and crawling verbs."""
