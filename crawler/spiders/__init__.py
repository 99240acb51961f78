"""The crawler's spiders (``news``)."""
