"""Persons across meetings: within one body, one label (or the name in it) is one person; full names attached.

Within a body (会議名: 衆議院 安全保障委員会, 品川区議会 厚生委員会), every remark's speaker is put to a person:
  1. a speaker that is already a full name (the API's speaker, the name inside 議長（額賀福志郎君）) is that person;
  2. a label (高村部会長, 黄川田委員, 中川（宏）委員) takes the name the meeting's roster prints beside it where
     the label is a post (福祉課長 -> 村上恵美 from 「福祉課長　村上　恵美」), else the full name that the same body
     gives it elsewhere (an API record of another meeting: label 小泉委員長 -> 小泉進次郎), else the one attendee of the meeting,
     else the one attendee or named speaker of the body, whose name begins with the label's surname (the label less its role word; a
     bracketed initial such as （宏） must follow the surname) -- only when exactly one name fits;
  3. a label nobody names stays a person of its own, by label: 佐藤委員 of meeting 3 and of meeting 7 is one;
  4. a bare bracketed name is one person per post: 教育長（伊藤） is not the member ３番（伊藤）.
Remarks of unsigned text (evaluation sheets, narration) belong to no person.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from search.ingest.roles import ROLE_SUFFIXES, office_of, unwrapped
from search.records import Document, ParsedDocument, Remark

_SUFFIXES = sorted(ROLE_SUFFIXES, key=len, reverse=True)
_INITIAL = re.compile(r"^(?P<surname>[^（(]+)[（(](?P<initial>[^）)]{1,3})[）)]$")


@dataclass
class Person:
    """One speaker of one body across its meetings."""

    person_id: str                 # f"{body}/{name or label}"
    body: str
    labels: list[str]              # as printed, most frequent first: ["小泉委員長", "小泉委員"]
    name: str | None = None        # full name where one is known: 高村ゆかり
    yomi: str | None = None
    group: str | None = None       # 会派 / 所属 where a record gives it
    remarks: int = 0
    documents: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def body_of(document: Document) -> str:
    """The body a document records: its meeting name (会議名) without the number, else its title."""
    return document.meeting or document.title


def label_of(remark: Remark) -> str | None:
    """The label as printed, without brackets around the whole of it (（三宅浩正議長） -> 三宅浩正議長)."""
    return unwrapped(remark.label) if remark.label else remark.speaker


def surname_of(label: str) -> tuple[str, str | None]:
    """(surname, bracketed initial) of a label: 高村部会長 -> ('高村', None), 中川（宏）委員 -> ('中川', '宏')."""
    stem = re.sub(r"[\s\u3000]+", "", label)
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[:-len(suffix)]
            break
    m = _INITIAL.match(stem)
    return (m["surname"], m["initial"]) if m else (stem, None)


def _named(remark: Remark) -> bool:
    """Whether the remark's speaker is a person's name, not a label (the API's name, 議長（…君）'s name)."""
    return bool(remark.speaker_yomi or remark.speaker_group or (remark.label and label_of(remark) != remark.speaker))


def _full_name(remark: Remark) -> bool:
    """Whether the remark's name is a whole name: the API's (with its yomi or group), or one printed with 君, さん
    or 氏 (健康福祉部長（高橋修君）). A bare bracketed name (教育長（伊藤）) may be a surname that a member shares."""
    return bool(remark.speaker_yomi or remark.speaker_group or re.search(r"(?:君|さん|氏)[）)]$", remark.label or ""))


def _by_post(label: str, attendees: list[dict]) -> str | None:
    """The one name the meeting's roster prints beside the post a label is (福祉課長 -> 村上恵美 from
    「福祉課長　村上　恵美」), or None."""
    post = re.sub(r"[\s\u3000]+", "", label)
    found = {a["name"] for a in attendees if a.get("post") == post}
    return found.pop() if len(found) == 1 else None


def _match(label: str, names: dict[str, str | None]) -> str | None:
    """The one full name (names: full name -> its surname where known) whose surname begins the label:
    木原 of 木原稔 begins 木原国務大臣; where the surname is not known, the name's first two or three
    characters stand for it (高村 of 高村ゆかり begins 高村部会長, 大倉 of 大倉紀彰 begins 大倉環境影響評価課長).
    A bracketed initial must follow the surname (中川（宏） -> 中川宏昌). Where several fit, the longest
    surname wins; a tie is no match."""
    stem, initial = surname_of(label)
    if stem == label:
        return None
    fits: dict[str, int] = {}
    for name, surname in names.items():
        guesses = [surname] if surname else [name[:k] for k in range(2, min(4, len(name)))]
        for guess in guesses:
            if stem.startswith(guess) and (initial is None or initial in name[len(guess):]):
                fits[name] = max(fits.get(name, 0), len(guess))
    if not fits:
        return None
    best = max(fits.values())
    found = [name for name, n in fits.items() if n == best]
    return found[0] if len(found) == 1 else None


def build_persons(parsed: list[ParsedDocument]) -> tuple[list[Person], dict[str, str]]:
    """The persons of a corpus and, for every remark with a speaker, the person_id it belongs to."""
    by_body: dict[str, list[ParsedDocument]] = defaultdict(list)
    for p in parsed:
        by_body[body_of(p.document)].append(p)
    persons: dict[str, Person] = {}
    remark_person: dict[str, str] = {}
    for body, docs in by_body.items():
        label_names: dict[str, Counter] = defaultdict(Counter)   # label -> full names the body's records give it
        yomi: dict[str, str] = {}
        group: dict[str, str] = {}
        body_names = {a["name"]: a.get("surname") for p in docs for a in p.document.attendees if a.get("name")}
        for p in docs:
            for r in p.remarks:
                if r.speaker and _named(r):
                    if r.label:
                        label_names[r.label][r.speaker] += 1
                    if r.speaker_yomi:
                        yomi.setdefault(r.speaker, r.speaker_yomi)
                    if r.speaker_group:
                        group.setdefault(r.speaker, r.speaker_group)
                    body_names.setdefault(r.speaker, None)
        for p in docs:
            attendees = {a["name"]: a.get("surname") for a in p.document.attendees if a.get("name")}
            for r in p.remarks:
                if not r.speaker:
                    continue
                label = label_of(r)
                if _named(r):
                    name = r.speaker
                elif len(label_names.get(label, ())) == 1:
                    name = next(iter(label_names[label]))
                else:
                    name = (_by_post(label, p.document.attendees) or _match(label, attendees)
                            or _match(label, body_names))
                key = f"{body}/{name or label}"
                office = None if _full_name(r) else office_of(r.label)
                if name and office:        # 教育長（伊藤） beside ３番（伊藤）: a surname names two people
                    key = f"{key}（{office}）"
                person = persons.setdefault(key, Person(key, body, [], name))
                person.labels.append(label)
                person.remarks += 1
                if p.document.doc not in person.documents:
                    person.documents.append(p.document.doc)
                if name:
                    person.yomi = person.yomi or yomi.get(name)
                    person.group = person.group or group.get(name)
                remark_person[r.remark_id] = key
    for person in persons.values():
        person.labels = [label for label, _ in Counter(person.labels).most_common()]
    return sorted(persons.values(), key=lambda x: (x.body, -x.remarks, x.person_id)), remark_person
