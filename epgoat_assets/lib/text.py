"""Text repair shared by every room: names, team aliases, league labels all start from fixed text."""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import lru_cache

_MOJIBAKE = re.compile(r"[ÃÂ][\x80-\xbf\u0080-\u00ff]")
_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_NOT_WORD = re.compile(r"[\W_]+")
# Letters no decomposition takes to ASCII (`Bodø`, `Færøerne`, `Łódź`), and the Arabic letters
# written either way (`ة`/`ه`, `ى`/`ي`): one form each, so both sides of a comparison agree.
_LETTERS = str.maketrans({"ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d",
                          "þ": "th", "ı": "i", "ة": "ه", "ى": "ي"})

# Pure functions of short names that repeat across a playlist (the same teams, leagues and labels
# on hundreds of channels): each distinct text is worked out once per process.
_MEMO = 1 << 16


# HTML a scraper left in a name, its `<` sometimes lost (`Benficaspan class="t">14:30`).
_HTML_TAG = re.compile(r"(?:<|(?<=[^\W\d_]))/?(?:span|div|a|b|i|p|strong|em|font|br)\b"
                       r"(?:\s+[\w-]+=(?:\"[^\"]*\"|'[^']*'|\S+))*\s*/?>", re.I)


@lru_cache(maxsize=_MEMO)
def fix_text(text: str) -> str:
    """Undo UTF-8-read-as-Latin-1 mojibake, drop HTML a scraper left, and fold compatibility forms
    (`ᴴᴰ` -> `HD`)."""
    if ">" in text:
        text = _HTML_TAG.sub(" ", text)
    if _MOJIBAKE.search(text):
        try:
            text = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                text = text.encode("cp1252").decode("utf-8")
    if text.isascii():  # the common case: nothing to fold, only control characters to blank
        return _ASCII_CONTROLS.sub(" ", text).replace("\t", " ")
    text = unicodedata.normalize("NFKC", text)
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("So", "Sk", "Cs", "Co", "Cn") or ch in "\u200d\ufe0f":
            out.append(" ")  # emoji and symbols carry no team or time information
        elif cat.startswith("C") and ch not in "\t":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out).replace("\t", " ")


@lru_cache(maxsize=_MEMO)
def fold(text: str, *, keep: str = "") -> str:
    """Lower-case ASCII words for comparing names: accents folded, `&` -> `and`, every run of other
    characters (except those in `keep`, e.g. `+` for `ESPN+`) -> one space. Team, league and event
    names are all compared in this form; each room adds only its own rules (club words, aliases)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower().replace("&", " and ")
    if not text.isascii():  # other scripts keep their letters (`ريال مدريد`)
        text = text.translate(_LETTERS)
    other = re.compile(rf"[^\w{re.escape(keep)}]+|_") if keep else _NOT_WORD
    return " ".join(other.sub(" ", text).split())


def single_spaced(text: str) -> bool:
    """True when `" ".join(text.split())` would give `text` back and it holds no control character:
    every whitespace character but the space is unprintable, so a printable text with no double,
    leading or trailing space has nothing to collapse. Writers skip their rewrite on such text,
    which is nearly every name and title."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def slug(text: str) -> str:
    """A stable key from a name (`Ice Hockey` -> `ice-hockey`): stored ids are built from it."""
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


# The word between two sides in other languages; every fixture pattern (recognition, name reading)
# takes it from here.
VERSUS_WORDS = "versus|gegen|contre|contra|contro|ضد"
# An English month name or its abbreviation, whole (`Aug`, `August`, never `Augsburg`): every date
# pattern (recognition, name reading) takes it from here.
MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
# Two short capital abbreviations around a bare `-` or `@` (`EO@TML`, `LYON-LH`), the whole name.
COMPACT_PAIR = re.compile(r"[A-Z]{2,5}[-@][A-Z]{2,5}")
