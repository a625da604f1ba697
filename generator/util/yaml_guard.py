"""YAML as the checker reads it: no anchors or aliases, no duplicate keys, bounded nesting, real dates.

PyYAML's CSafeLoader composes nodes recursively in C (100,000 nested '[' crash it with a segfault),
expands aliases without bound (an alias bomb fills memory) and keeps the last of two equal keys
(`status: draft` then `status: terbit` publishes). This loader keeps libyaml's event parser, which is a
state machine, and composes and constructs in Python with a depth counter, refusing each of those at
its line, as soon as the parser reaches it.
"""

from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode
from yaml.resolver import Resolver

from generator.util.errors import shown

MAX_DEPTH = 20
"""Nested lists and mappings allowed (real files use 5)."""


class YamlRefused(yaml.MarkedYAMLError):
    """A construct the checker refuses, with its mark, an Indonesian message and, when known, the key.

    With `earlier` (the mark of what it clashes with) the message holds `{line}`, filled in with the
    file's line by whoever knows where the YAML starts in the file.
    """

    def __init__(self, message: str, mark, field: str | None = None, earlier=None):
        super().__init__(problem=message, problem_mark=mark)
        self.message = message
        self.field = field
        self.earlier = earlier

    def text(self, line_offset: int = 0) -> str:
        """The message, with the earlier line counted in the file."""
        return self.message.format(line=self.earlier.line + 1 + line_offset) if self.earlier is not None else self.message


class _GuardedComposer(Composer):
    """Build nodes from parser events, refusing anchors, aliases and nesting past MAX_DEPTH."""

    _depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlRefused("anchor dan alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung", event.start_mark)
        if not isinstance(event, (SequenceStartEvent, MappingStartEvent)):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            raise YamlRefused(f"bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat)", event.start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _GuardedConstructor(SafeConstructor):
    """SafeConstructor that refuses a key written twice and names the line of an impossible value."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
        first: dict[object, object] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                seen = key in first
            except TypeError:  # an unhashable key: SafeConstructor words this one itself
                raise ConstructorError("while constructing a mapping", node.start_mark, "found unhashable key", key_node.start_mark) from None
            if seen:
                raise YamlRefused("kunci ganda (sudah ditulis di baris {line}); hapus salah satu", key_node.start_mark, str(key), first[key])
            first[key] = key_node.start_mark
        try:
            return super().construct_mapping(node, deep=deep)
        except YamlRefused as exc:
            if exc.field is None:  # a scalar value of this mapping: name its key
                exc.field = next((str(k.value) for k, v in node.value if v.start_mark is exc.problem_mark), None)
            raise

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            raise YamlRefused(f"tanggal {shown(node.value)} tidak ada di kalender", node.start_mark) from None

    def construct_yaml_int(self, node):
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # Python refuses to convert more than 4,300 digits
            raise YamlRefused("bilangan terlalu panjang", node.start_mark) from None


_GuardedConstructor.add_constructor("tag:yaml.org,2002:timestamp", _GuardedConstructor.construct_yaml_timestamp)
_GuardedConstructor.add_constructor("tag:yaml.org,2002:int", _GuardedConstructor.construct_yaml_int)

class _DecapResolver(Resolver):
    """PyYAML's implicit types without YAML 1.1's sexagesimal numbers and yes/no/on/off, which YAML 1.2 and
    Decap CMS read as text: the CMS writes `durasi: 1:30` and `ya` unquoted, and the checker must read the same."""


_DecapResolver.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_DecapResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_DecapResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"), list("-+0123456789"))
_DecapResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), list("-+0123456789."))

try:
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    CParser = None

if CParser is not None:

    class GuardedLoader(_GuardedComposer, CParser, _GuardedConstructor, _DecapResolver):
        """libyaml's parser under the guarded composer and constructor."""

        def __init__(self, stream):
            CParser.__init__(self, stream)
            _GuardedComposer.__init__(self)
            _GuardedConstructor.__init__(self)
            _DecapResolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml

    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class GuardedLoader(_GuardedComposer, Reader, Scanner, Parser, _GuardedConstructor, _DecapResolver):  # type: ignore[no-redef]
        """PyYAML's pure-Python parser under the guarded composer and constructor."""

        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            _GuardedComposer.__init__(self)
            _GuardedConstructor.__init__(self)
            _DecapResolver.__init__(self)
