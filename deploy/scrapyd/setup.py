"""The egg scrapyd runs: only the Scrapy entry point; the code is the zhnews package installed beside scrapyd.

    pip install /opt/zhnews            # into scrapyd's virtualenv (or -e for a checkout)
    cd deploy/scrapyd && python setup.py -q bdist_egg -d dist
    curl http://127.0.0.1:6800/addversion.json -F project=zhnews -F version=0.1.0 \
         -F egg=@dist/zhnews_scrapyd-0.1.0-py3.11.egg
"""

from setuptools import setup

setup(
    name="zhnews-scrapyd",
    version="0.1.0",
    description="scrapyd entry point of the zhnews crawler (settings = crawler.settings)",
    py_modules=[],
    entry_points={"scrapy": ["settings = crawler.settings"]},
    zip_safe=True,
)
