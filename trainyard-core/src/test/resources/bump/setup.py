import os
from setuptools import setup, find_packages

here = os.path.abspath(os.path.dirname(__file__))
extra = dict(version="9.9.9")  # not the setup() call

setup(
    name="tokenserver",
    version='1.4.0',
    description="Token server (for Sync)",
    packages=find_packages(),
    install_requires=["requests"],
)
