"""Scrapy commands of the zhnews project (``COMMANDS_MODULE``): ``scrapy crawl`` that fails when nothing is found."""
