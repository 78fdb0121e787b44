"""The Jinja environment of the render stage, and what makes its templates quick.

Templates are Jinja's own, compiled by Jinja; three things differ, none in output
(``tests/test_render_jinja.py`` renders the same templates with a stock environment
and compares, on values of every kind):

- :class:`_Environment` looks ``row.key`` up in a plain dict without first raising
  and catching an AttributeError;
- :class:`_CodeGenerator` writes that lookup, and the escaping of each ``{{ … }}``,
  into the compiled template itself where the value is a plain dict or text, so the
  commonest steps of a page cost no Python call (about a tenth of rendering);
- :func:`_escape` is ``markupsafe.escape`` without its Python-level ``Markup.__new__``.

Before the first environment is made, a probe template is rendered through
:class:`_CodeGenerator` and compared with what stock Jinja renders; on any difference
(a future Jinja may change the internals it builds on) Jinja's own compiler is used.
Compiled templates are kept between builds in ``~/.cache/journeydocs`` (Jinja's
bytecode cache), in a folder named after this module, Jinja's version and the compiler
in use, since they decide what the compiled code is.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import types
from pathlib import Path
from typing import Any, Callable

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from markupsafe import Markup, escape as _markup_escape

try:  # what markupsafe.escape itself calls on text (MarkupSafe 2.1+)
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - older MarkupSafe: its own escape throughout
    _escape_inner = None

_MAPPINGS = (dict, types.MappingProxyType)
"""What the views pass as rows (dicts) and the UI strings (a mappingproxy)."""
_PLAIN_ATTRS = {kind: frozenset(dir(kind)) for kind in _MAPPINGS}
"""The attribute names a plain dict (or the strings' mappingproxy) really has."""
_MAPPING_ATTRS = frozenset().union(*_PLAIN_ATTRS.values())


class _Environment(jinja2.Environment):
    """Jinja's environment, quicker at ``row.key`` on the plain dicts views pass.

    Jinja tries ``getattr(row, "key")`` first and only then ``row["key"]``; on a dict
    that means raising and catching an AttributeError for every ``{{ row.key }}``.
    A dict's attributes are exactly those of its type, so for any other name the
    result is ``row["key"]`` (or undefined) either way: same values, no exception.
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        names = _PLAIN_ATTRS.get(type(obj))
        if names is not None and attribute not in names:
            try:
                return obj[attribute]
            except (TypeError, LookupError, AttributeError):
                return self.undefined(obj=obj, name=attribute)
        # jinja2.Environment.getattr itself, without the cost of calling it through super()
        try:
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)


class _CodeGenerator(CodeGenerator):
    """Jinja's compiler, writing the two commonest steps of a page inline.

    ``{{ row.title }}`` compiles to ``escape(environment.getattr(row, "title"))``: two
    Python calls and a Markup object for every value on every page. Here, when
    ``title`` is no attribute of a dict, the lookup is written out as "``row.get``
    when ``row`` is a plain dict or mappingproxy, else ``environment.getattr``", and
    the escaping as "markupsafe's C escaping when the value is text, else
    ``escape``". Every other case (an object, a dict subclass, a key missing, a
    Markup value, a number) takes exactly the call Jinja would make. Text comes out
    escaped but not wrapped as Markup: an output value is only ever joined into the
    page (or a macro's, block's or ``set`` block's buffer, which Jinja wraps itself).
    """

    def visit_Getattr(self, node: nodes.Getattr, frame: Frame) -> None:
        if (self.environment.is_async or node.attr in _MAPPING_ATTRS
                or not node.attr.isidentifier() or self._foldable(node, frame)):
            super().visit_Getattr(node, frame)
            return
        attr = repr(node.attr)
        self.write("(_jd_value if (_jd_object := ")
        self.visit(node.node, frame)
        self.write(f").__class__ in _jd_mappings"
                   f" and (_jd_value := _jd_object.get({attr}, missing)) is not missing"
                   f" else environment.getattr(_jd_object, {attr}))")

    def visit_Call(self, node: nodes.Call, frame: Frame, forward_caller: bool = False) -> None:
        if (self.environment.is_async or self.environment.sandboxed
                or self._foldable(node, frame)):
            super().visit_Call(node, frame, forward_caller)
            return
        # a macro is called straight away: context.call would only find that it takes
        # no context and drop the _loop_vars/_block_vars it was handed (~1.3 µs a call)
        caller = {"caller": "caller"} if forward_caller else {}
        self.write("(_jd_callee(")
        self.write(self._captured(lambda: self.signature(node, frame, caller or None))
                   .removeprefix(", "))
        self.write(") if (_jd_callee := ")
        self.visit(node.node, frame)
        self.write(").__class__ is _jd_macro else context.call(_jd_callee")
        # what Jinja's own visit_Call hands context.call
        loop = {"_loop_vars": "_loop_vars"} if frame.loop_frame else {}
        block = {"_block_vars": "_block_vars"} if frame.block_frame else {}
        self.signature(node, frame, {**caller, **loop, **block} or None)
        self.write("))")

    def _captured(self, write: Callable[[], None]) -> str:
        """What ``write`` writes, kept out of the template's code."""
        stream, self.stream = self.stream, io.StringIO()
        try:
            write()
            return self.stream.getvalue()
        finally:
            self.stream = stream

    def _foldable(self, node: nodes.Expr, frame: Frame) -> bool:
        """Whether Jinja's optimizer turns ``node`` into a constant (it then compiles that)."""
        return (self.optimizer is not None and not frame.eval_ctx.volatile
                and self.optimizer.visit(node, frame.eval_ctx) != node)

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._inline_escape(frame, finalize):
            super()._output_child_pre(node, frame, finalize)
            return
        self.write("(_jd_escape_text(_jd_output) if (_jd_output := ")

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if not self._inline_escape(frame, finalize):
            super()._output_child_post(node, frame, finalize)
            return
        self.write(").__class__ is str else escape(_jd_output))")

    @staticmethod
    def _inline_escape(frame: Frame, finalize: Any) -> bool:
        return (frame.eval_ctx.autoescape and not frame.eval_ctx.volatile
                and finalize.src is None)


def _escape(value: Any, _new: Callable[..., Markup] = str.__new__) -> Markup:
    """``markupsafe.escape`` without its Python-level ``Markup.__new__`` for text.

    Same result for every value: text is escaped by markupsafe's own C function and
    wrapped as Markup; Markup is already safe; anything else goes to markupsafe.
    """
    kind = type(value)
    if kind is str:
        return _new(Markup, _escape_inner(value))
    if kind is Markup:
        return value
    return _markup_escape(value)


def _escape_text(text: str) -> str:  # pragma: no cover - older MarkupSafe only
    return str(_markup_escape(text))


class _Template(jinja2.Template):
    """Templates whose compiled code finds :class:`_CodeGenerator`'s names (and
    :func:`_escape` as ``escape``)."""

    @classmethod
    def from_code(cls, environment: jinja2.Environment, code: Any, globals: Any,
                  uptodate: Callable[[], bool] | None = None) -> jinja2.Template:
        namespace = {"environment": environment, "__file__": code.co_filename,
                     "_jd_mappings": _MAPPINGS, "_jd_macro": jinja2.runtime.Macro,
                     "_jd_escape_text": _escape_inner or _escape_text}
        exec(code, namespace)  # noqa: S102 - exactly what jinja2.Template.from_code does
        if _escape_inner is not None:
            namespace["escape"] = _escape  # the compiled functions look it up at call time
        rv = cls._from_namespace(environment, namespace, globals)
        rv._uptodate = uptodate
        return rv


if hasattr(jinja2.Template, "_from_namespace"):  # Jinja 3.x: else Jinja's own, unchanged
    _Environment.template_class = _Template
    _Environment.code_generator_class = _CodeGenerator

_OPTIONS: dict[str, Any] = dict(autoescape=True, undefined=jinja2.StrictUndefined,
                                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_PROBE = ("{% macro m(v) %}<{{ v.title }}|{{ caller() }}>{% endmacro %}{{ r.title }}"
          "{{ r.items() | list | length }}{% call m(o) %}{{ t.label }}{{ r.missing is defined }}"
          "{% endcall %}{{ o.title }}")
"""A template that takes every path of :class:`_CodeGenerator`, and what stock Jinja
renders of it (``tests/test_render_jinja.py`` checks that):"""
_PROBE_RENDERED = "&lt;a &amp; b&gt;1<<i>|&#34;x&#34;False><i>"


def make_environment(theme_dir: Path) -> jinja2.Environment:
    """The one Jinja environment: autoescaped, strict about undefined names."""
    _check_compiler()
    return _Environment(
        loader=jinja2.FileSystemLoader(str(Path(theme_dir) / "templates")),
        auto_reload=False,  # one environment per build: no stat() per page
        bytecode_cache=_bytecode_cache(),
        **_OPTIONS,
    )


_CHECKED: list[bool] = []


def _check_compiler() -> None:
    """Fall back to Jinja's own compiler if this Jinja does not render :data:`_PROBE`
    with :class:`_CodeGenerator` as stock Jinja does (a future Jinja may change the
    internals it builds on): slower pages rather than broken ones. Once per process."""
    if _CHECKED or _Environment.code_generator_class is not _CodeGenerator:
        return
    _CHECKED.append(True)
    try:
        same = _Environment(**_OPTIONS).from_string(_PROBE).render(probe_values()) \
            == _PROBE_RENDERED
    except Exception:  # noqa: BLE001 - any failure: Jinja's own compiler
        same = False
    if not same:
        _Environment.code_generator_class = CodeGenerator


def probe_values() -> dict[str, Any]:
    return {"r": {"title": "<a & b>"}, "o": types.SimpleNamespace(title=Markup("<i>")),
            "t": types.MappingProxyType({"label": '"x"'})}


def compiler_fingerprint() -> str:
    """Changes whenever the compiled code of a template may: with this module, Jinja or
    the compiler in use."""
    digest = hashlib.sha256(_own_source())
    digest.update(jinja2.__version__.encode())
    digest.update(_Environment.code_generator_class.__name__.encode())
    return digest.hexdigest()[:16]


@functools.cache
def _own_source() -> bytes:
    """This module's source, read once (serve makes an environment per full rebuild)."""
    return Path(__file__).read_bytes()


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (Jinja keys each by its source checksum)."""
    if os.environ.get("JOURNEYDOCS_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = os.path.join(base, "journeydocs", f"templates-{compiler_fingerprint()}")
    try:
        os.makedirs(folder, exist_ok=True)
        return jinja2.FileSystemBytecodeCache(folder)
    except OSError:
        return None
