"""What a reader is handed besides the bytes: the input's name and the field mapping."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from storyledger.errors import InputError
from storyledger.model import Problem, RawArticle

# What a reader yields: an article, the error one record (or the whole input) raised, or a
# warning about an article it kept (a Problem with kept=True).
Item = RawArticle | InputError | Problem
Items = Iterator[Item]


@dataclass(frozen=True)
class Source:
    """`name` is how messages name the input (its path, or an upload's file name); `stem`
    is the base of the ids its articles get when they bring none."""

    name: str
    stem: str
    fields: Mapping[str, str] = field(default_factory=dict)

    def line(self, n: int) -> str:
        return f"{self.name}:{n}"

    def index(self, n: int) -> str:
        return f"{self.name}[{n}]"
