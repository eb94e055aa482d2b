"""storyledger: who claims what, on whose authority, and where news outlets differ."""

from storyledger.errors import StoryledgerError
from storyledger.model import Article, Ledger, RawArticle, Story

__version__ = "0.1.0"

__all__ = ["Article", "Ledger", "RawArticle", "Story", "StoryledgerError", "__version__"]
