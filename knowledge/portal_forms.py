"""Readable form names and tidy document rows for the catalogue importer.

The portal attaches forms as files whose names went through an upload filter that dropped
every letter with a Vietnamese diacritic and every space: "Mẫu CT01 ban hành kèm theo Thông
tư số 53" became ``1.MuCT01banhnhkmtheoThngts53.doc``. Such a name must never reach a
citizen. A file name is shown only when it reads as words ("Mẫu số 13", "Phụ lục V- tt55");
otherwise its form code is taken out of it ("Mẫu CT01", "Phụ lục 4a"); failing both, no form
is shown (the document name and the official page still say what to fill in).
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.schema import Document

FILE_EXT = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip)(?: \(\d+\))?$", re.IGNORECASE)
_COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")
_LEAD_JUNK = re.compile(r"^(?:\d+\.(?=\D)|\d+(?=M[aẫ]u))")  # "1.MuCT01", "31Mẫu số 105"
_WORD_TEMP = re.compile(r"^~\$ụ lục")  # Word's lock file of "Phụ lục ..." was uploaded
# Form codes inside a stem, accented or not, glued or spaced: "Mau so 12", "MauBM01",
# "MuCT01" (Mẫu with "ẫ" dropped), "Mus02" (Mẫu số), "PL 04", "Phlcs03", "Phu luc II".
_LETTER_END = r"(?:[a-zA-Z](?![a-zà-ỹ]))?"  # "Mẫu 4a", but "CT01" of "MuCT01banh..."
_MAU = re.compile(
    r"(?:M[aẫ]u|Mu|MAU|MẪU)\s*(?:s[oố]|s)?\s*[._-]?\s*"
    rf"((?:[A-ZĐ]{{1,4}}[-.]?)?\d{{1,3}}{_LETTER_END}(?:[./-]\d{{1,3}}{_LETTER_END})*"
    r"|[IVX]{1,5}(?:\.\d+)*)(?!\d)",
)
_PHU_LUC = re.compile(
    r"(?:(?i:ph[uụ]\s*l[uụ]c|phlc)|PL)\s*(?:s[oố]|s)?\s*[._-]?\s*"
    rf"(\d{{1,3}}{_LETTER_END}|[IVX]{{1,5}}{_LETTER_END})(?![\dIVX])",
)
_CIRCULAR = re.compile(r"(\d{1,3})\.(\d{4})\.((?:TT|NĐ|ND|QĐ)-[A-ZĐ]+)")
_WORD = re.compile(r"[^\W\d_]+")


def _has_marks(text: str) -> bool:
    return any(unicodedata.decomposition(ch) for ch in text if ch.isalpha() and ord(ch) > 127)


def reads_as_words(stem: str) -> bool:
    """True for a stem a citizen can read: words separated by spaces, none glued."""
    words = _WORD.findall(stem)
    if not words or " " not in stem.strip():
        return False
    # A glued run ("banhnhkmtheoThngts") is long and switches case inside the word.
    for word in words:
        if len(word) > 14 or re.search(r"[a-zà-ỹ][A-ZĐ][a-z]", word):
            return False
    return _has_marks(stem) or all(len(w) <= 8 for w in words)


def form_code(text: str) -> str | None:
    """ "Mẫu CT01", "Mẫu số 12", "Phụ lục II" found in a stem or a document name."""
    mau = _MAU.search(text)
    if mau:
        code = mau.group(1).rstrip(".-")
        return f"Mẫu số {code}" if code[0].isdigit() else f"Mẫu {code}"
    pl = _PHU_LUC.search(text)
    if pl:
        return f"Phụ lục {pl.group(1)}"
    return None


def readable_form(file_name: str) -> str | None:
    """What to call one attached form file, or ``None`` when nothing readable is left."""
    stem = _COPY_SUFFIX.sub("", FILE_EXT.sub("", file_name.strip())).strip(" ._-")
    stem = _WORD_TEMP.sub("Phụ lục", _LEAD_JUNK.sub("", stem)).strip(" ._-")
    if not stem:
        return None
    stem = _CIRCULAR.sub(lambda m: f"{m.group(1)}/{m.group(2)}/{m.group(3)}", stem)
    if reads_as_words(stem) and _has_marks(stem):
        return " ".join(stem.replace("_", " ").split())
    if re.fullmatch(r"(?:[A-ZĐ]{1,4}-?\d{1,3}[a-z]?|[IVX]{1,5}(?:\.\d+)+)", stem):
        return stem  # a bare code: "PC11", "HK-84", "I.1.10" (digits alone say nothing)
    code = form_code(stem)
    if code:
        circular = re.search(r"\d{1,3}/\d{4}/(?:TT|NĐ|ND|QĐ)-[A-ZĐ]+", stem)
        return f"{code} ({circular.group(0)})" if circular else code
    # Words without accents ("Don de nghi cap giay phep") are still words: say them.
    return " ".join(stem.replace("_", " ").split()) if reads_as_words(stem) else None


def readable_forms(files: str | None) -> str | None:
    """``readable_form`` of each "; "-joined file name, duplicates and blanks dropped."""
    if not files:
        return None
    out: list[str] = []
    for name in files.split("; "):
        label = readable_form(name)
        if label and label not in out:
            out.append(label)
    return "; ".join(out) or None


# ---------------------------------------------------------------- file names in rows
_FILE_EXT_ANY = re.compile(r"\.(?:docx?|pdf|xlsx?|rar|zip)(?: \(\d+\))?", re.IGNORECASE)
# Names that start a form file. Long ones may follow any glued character ("NĐ-CPMau57");
# short capitals ("PL", "TK") only a lowercase letter or punctuation ("kinh doanhTK01").
_FORM_PREFIX = re.compile(
    r"Mẫu|Mau|MẪU|MAU|Phụ lục|Phu luc|PHỤ LỤC|Biểu mẫu|Tờ khai|Don|DON|Đơn|ĐƠN"
)
_FORM_PREFIX_SHORT = re.compile(r"Phlc|PL|Mus|Mun|TK|BM|TP-|M\d")
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_GLUE = re.compile(rf"(?<=[{_LOWER}])(?=[A-ZĐ0-9])")
# "... Nghị định 58/2026/NĐ-CP.Mẫu 04" or "...;Phụ lục I": punctuation with no space after.
_PUNCT_GLUE = re.compile(
    rf"(?:(?<=[^\W\d_]\.)|(?<=\)\.)|(?<=[);:]))(?=[^\s\d.,;:)])|(?<=[{_LOWER}]\.)(?=\d)"
)
_NUMBER_THEN_FILE = re.compile(
    r"\d{4}/(?:TT|NĐ|QĐ|NQ)-(?:BNNMT|BNNPTNT|BTC|BCA|BTP|BXD|BGTVT|BTNMT|BYT|CP|NHNN)"
    rf"(?=Mu[sn]?\d|M[aẫ]u|[A-ZĐ][{_LOWER}])"
)
_NUMBERED_FILE = re.compile(r"(?:(?<=[);])|(?<=\)\.))\d{1,2}\.(?=[^\W\d_])")
_PREFIX_DIGITS = re.compile(r"(?<=\d)(?:Mau|Mẫu|Mus|Mun|Mu)(?=\d)")
# "...Nghị định 116/2025/NĐ-CP.250605_116_Nghidinh_PCDB_PL": a file stem joined by
# underscores glued after the sentence's full stop.
UNDERSCORE_STEM = re.compile(r"(?<=[^\s.])\.(?=[^\s.]*_[^\s]*$)")


def split_form(row: str) -> tuple[str, str | None]:
    """Separate file names of forms ("Mẫu số 01.docx") glued to the end of a name."""
    ends = [m for m in _FILE_EXT_ANY.finditer(row)]
    if not ends or ends[-1].end() != len(row):
        return row, None
    # Files glued one after another: "Mẫu 09.docxMẫu 10.docx".
    first = ends[0]
    while True:
        prev = [m for m in ends if m.end() < first.start() and row[m.end()] != " "]
        if not prev:
            break
        first = prev[-1]
    head = row[: first.start()]
    cut = _form_start(head)
    if cut == 0 and " " in head.strip():
        # No boundary found: the name and the file stem cannot be told apart. Keep the
        # text as the name rather than present a sentence as a file name.
        return _FILE_EXT_ANY.sub("", row).strip(), None
    name, forms_text = row[:cut], row[cut:]
    files, start = [], 0
    for m in _FILE_EXT_ANY.finditer(forms_text):
        files.append(forms_text[start : m.end()].strip())
        start = m.end()
    return name, "; ".join(f for f in files if f) or None


def _form_start(head: str) -> int:
    """Where the first file name starts inside ``head`` (name + file stem)."""
    # A form prefix glued to the text before it ("...NĐ-CPMau57"); not one after "-", "_"
    # or a digit, which is inside a file name ("Mẫu số 30-Phụ lục II").
    cands = [m.start() for m in _FORM_PREFIX.finditer(head) if m.start() and
             not (head[m.start() - 1].isspace() or head[m.start() - 1] in "-_(/"
                  or head[m.start() - 1].isdigit())]  # fmt: skip
    cands += [m.start() for m in _FORM_PREFIX_SHORT.finditer(head)
              if m.start() and re.match(rf"[{_LOWER}.;:)]", head[m.start() - 1])]  # fmt: skip
    cands += [m.start() for m in _PUNCT_GLUE.finditer(head)]
    # A file name glued to the legal number ending the name: "...TT-BNNMTMus03-PhlcII",
    # "...94/2025/TT-BNNMTThuyết minh ..." (the known issuer code ends where the file starts).
    cands += [m.end() for m in _NUMBER_THEN_FILE.finditer(head)]
    # "...53/2025/TT-BCA).1.MuCT01banhnhkm...", "...Việt-Anh);6.nxincp...": a numbered file
    # after ")", ";" or "."; "...Mẫu 57Mau57", "...2024Mus02": a form prefix right before digits.
    cands += [m.start() for m in _NUMBERED_FILE.finditer(head)]
    cands += [m.start() for m in _PREFIX_DIGITS.finditer(head) if m.start()]
    cands += [m.end() for m in UNDERSCORE_STEM.finditer(head)]
    if cands:
        return max(cands)
    underscored = _underscored_stem(head)
    if underscored:
        return underscored
    weak = [m.start() for m in _GLUE.finditer(head)]
    # A file stem has no spaces: the earliest glue after which none follows starts it
    # ("...cá nhânTTHC5-Mu06-ncpliGCNdchvxlDLCN.docx").
    spaceless = [w for w in weak if " " not in head[w:]]
    return min(spaceless) if spaceless else (max(weak) if weak else 0)


_SEMICOLON_STEM = re.compile(r"(?<=;)(?=[^;]*_[^;]*_[^;]*$)")  # "...sân bay;1.004724_1.004719_..."
_DIGIT_STEM = re.compile(
    r"(?<=\d)(?=(?:PL|Mau|Don)\b[^_]*_\S*(?: \(\d+\))?$)"
)  # "2025PL 01 ... 14.4_Approved"
_GLUED_STEM = re.compile(
    r"(\S+?)([a-z]+(?:_[a-z0-9]+){2,})(?: \(\d+\))?$"
)  # "quy địnhon_de_nghi_..."
_SYLLABLE_END = re.compile(r".*[^\x00-\x7f](?:ng|nh|ch|[cmnpt])?")


def _underscored_stem(head: str) -> int:
    """Where a file stem joined by underscores starts at the end of ``head`` (0 if none)."""
    for pattern in (_SEMICOLON_STEM, _DIGIT_STEM):
        m = pattern.search(head)
        if m:
            return m.start()
    m = _GLUED_STEM.search(head)
    if m:
        # The stem is glued to the last word: "định" + "on_de_nghi...": the word ends
        # where its last syllable with a Vietnamese letter ends.
        word = _SYLLABLE_END.match(m.group(1) + m.group(2))
        if word and len(word.group(0)) > len(m.group(1)) - 1:
            return m.start(1) + len(word.group(0))
        return m.start(2)
    return 0


def extends_code(code: str | None, named: str) -> bool:
    """A code that only lengthens ``named`` ("Mẫu số 132" for "Mẫu số 13"): a garbled copy."""
    return code is not None and code != named and code.startswith(named)


_LEADING_PUNCT = re.compile(r"^[\s;,.:]+")


def tidy_documents(docs: list[Document], warn: list[str]) -> list[Document]:
    """Drop rows that are cell debris (";", ".") and exact repeats; renumber the ids.

    A row whose name has fewer than three letters is what is left between two count cells
    of one sentence; the same name, kind and group twice is the portal listing a row twice.
    """
    out: list[Document] = []
    seen: set[tuple[str, str, str | None]] = set()
    for doc in docs:
        name = _LEADING_PUNCT.sub("", doc.name).strip()
        if sum(ch.isalpha() for ch in name) < 3:
            warn.append(f"documents: fragment dropped {doc.name[:30]!r}")
            continue
        key = (" ".join(name.lower().split()), doc.kind, doc.group)
        if key in seen:
            warn.append(f"documents: repeated row dropped {name[:30]!r}")
            continue
        seen.add(key)
        out.append(doc.model_copy(update={"id": f"d{len(out) + 1}", "name": name}))
    return out
