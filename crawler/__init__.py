"""zhnews crawler: the Scrapy project (spiders, middlewares, the cleaning item pipeline)."""
