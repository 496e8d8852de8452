"""Proposed ties: the rules that read a sentence's mentions into coded rows, with a score.

Each rule gives a relation, a direction, a sign, a score and a ``why``:

=========== ===== ============================================================
rule        score what it reads
=========== ===== ============================================================
title       0.9   "Egyptian President Abdel Fattah el-Sisi": ``heads``
                  (a leader's title) or ``represents`` (another office)
verb        0.8   a verb of the codebook's vocabulary with its subject and
                  object, passives by their agent ("hosted by X": X ``hosts``)
noun        0.7   a noun such as "participation", "victory", "peace" with
                  its possessor or ``by`` phrase and its ``in``/``to``/
                  ``between`` phrase
event       0.7   the names inside an event's phrase: "between A and B"
                  (``attends``), "of ORG" (``convenes``), "among" (``concerns``),
                  a place in it (its state ``hosts``, inferred, 0.5)
cameo       0.6   a verb of the CAMEO dictionary, mapped to the codebook
office      0.6   a leader's state known from the gazetteer, not the text
                  (``heads``, inferred)
co-occurr.  <=0.3 two actors in one sentence, the relation a prior from their
                  node types (inferred); closer pairs score higher
=========== ===== ============================================================

A relation that does not fit the two node types (``attends`` a state) falls
back to the types' prior. Signs: ``conflicts_with`` and taking part in a war
are -1, ``cooperates_with``, ``supports``, ``negotiates_with``, ``links`` +1,
affiliations 0. Every ``evidence`` is a slice of the paragraph: from the first
to the last word the rule read.

Examples
--------
>>> fit("attends", "state", "state")
('cooperates_with', 1)
>>> fit("hosts", "leader", "event")
('hosts', 0)
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.draft.gazetteer import load_verbs
from graph.draft.lexicon import NOUN_TRIGGERS, TRIGGERS, TYPE_PRIOR, cameo_relation
from graph.draft.mentions import Mention

__all__ = ["Proposal", "fit", "propose_ties", "SYMMETRIC"]

#: Relations whose ties have no direction.
SYMMETRIC = frozenset({"cooperates_with", "negotiates_with", "conflicts_with"})
_POSITIVE = frozenset({"cooperates_with", "supports", "negotiates_with", "links"})
_WARS = frozenset({"war", "invasion", "offensive", "conflict"})
_EVENTS = frozenset({"event", "platform"})
_PERSONS = frozenset({"leader", "person"})
_MAX_EVIDENCE = 300


@dataclass(frozen=True)
class Proposal:
    """One proposed tie, in the columns of ``proposed_edges.csv``."""

    source: str
    target: str
    relation: str
    sign: int
    paragraph: int
    start: int
    end: int
    stated: str
    score: float
    why: str

    @property
    def directed(self) -> bool:
        """Whether the relation has a direction."""
        return self.relation not in SYMMETRIC


def fit(relation: str, src: str, tgt: str) -> tuple[str, int] | None:
    """The relation and sign for a tie between node types, or the types' prior, or None."""
    ok = {
        "heads": src == "leader" and tgt == "state",
        "represents": src in _PERSONS and tgt in ("state", "organization"),
        "attends": tgt in _EVENTS,
        "hosts": tgt in _EVENTS,
        "convenes": tgt in _EVENTS,
        "proposes": tgt in _EVENTS,
        "member_of": tgt in ("organization", "platform") and src not in _EVENTS,
        "concerns": src in _EVENTS,
        "inspired_by": src == "platform" and tgt == "platform",
        "part_of": tgt in ("region", "organization", "platform"),
    }.get(relation, True)
    if ok:
        return relation, _sign(relation)
    if relation in ("attends", "member_of") and tgt == "organization":
        return "member_of", 0
    return TYPE_PRIOR.get((src, tgt))


def _sign(relation: str) -> int:
    if relation == "conflicts_with":
        return -1
    return 1 if relation in _POSITIVE else 0


class _Sentence:
    """The mentions of one sentence with their nodes, and the proposals made from them."""

    def __init__(self, p, sent, mentions, node_of, types, heads, iso=None):
        self.p, self.sent, self.types, self.heads = p, sent, types, heads
        self.iso = iso or {}
        self.items = [(m, node_of[m]) for m in mentions if m in node_of]
        self.out: list[Proposal] = []

    def at(self, token, *, hop: bool = True) -> list[tuple[Mention, str]]:
        """The smallest mention covering a token, and those joined to it by "and".

        With ``hop``, a token that is no mention leads on: to its possessor
        ("Syria's energy infrastructure"), the antecedent of "whose", the noun it
        stands beside (apposition), or the names after "such as".
        """
        if token is None:
            return []
        hits = [(m, n) for m, n in self.items if m.start <= token.idx < m.end]
        if not hits:
            return self._hop(token) if hop else []
        best = min(hits, key=lambda mn: mn[0].end - mn[0].start)
        out = [best]
        for c in token.children:
            if c.dep_ == "conj":
                out += [x for x in self.at(c, hop=hop) if x not in out]
        return out

    def _hop(self, token) -> list[tuple[Mention, str]]:
        for c in token.children:
            if c.dep_ == "poss":
                if c.lower_ == "whose":
                    head = token
                    while head.dep_ != "relcl" and head.head is not head:
                        head = head.head
                    return self.at(head.head, hop=False) if head.dep_ == "relcl" else []
                return self.at(c, hop=False)
        if token.dep_ == "appos":
            return self.at(token.head, hop=False)
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "as":  # "formats such as BRICS+ and SCO+"
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                return self.at(pobj, hop=False)
        return []

    def add(self, a, b, relation, sign, why, score, stated="explicit", span=()) -> None:
        (ma, na), (mb, nb) = a, b
        if na == nb:
            return
        fitted = fit(relation, self.types[na], self.types[nb])
        if fitted is None and relation in SYMMETRIC | {"links"}:
            fitted = (relation, _sign(relation))
        if fitted is None:
            flipped = fit(relation, self.types[nb], self.types[na])
            if flipped is None or flipped[0] != relation:
                return
            (ma, na), (mb, nb), fitted = (mb, nb), (ma, na), flipped
        rel, prior_sign = fitted
        if rel != relation:
            score = min(score, 0.35)
            why += f" (as {rel}: the types' prior)"
            sign = prior_sign
        if rel == "attends" and self.heads.get(nb) in _WARS:
            sign = -1
        starts = [ma.start, mb.start, *[s for s, _ in span]]
        ends = [ma.end, mb.end, *[e for _, e in span]]
        start, end = min(starts), max(ends)
        if end - start > _MAX_EVIDENCE:
            start, end = self.sent.start_char, self.sent.end_char
        self.out.append(Proposal(na, nb, rel, sign, self.p, start, end, stated, score, why))


def _initiator(s: _Sentence, tok):
    """Who took the initiative in a verb's phrases ("at the initiative of X", "at X's")."""
    for t in tok.subtree:
        if t.lemma_.lower() in ("initiative", "invitation", "request", "behest"):
            for c in t.children:
                if c.dep_ == "poss":
                    return s.at(c)
                if c.dep_ == "prep" and c.lower_ == "of":
                    return s.at(next((g for g in c.children if g.dep_ == "pobj"), None))
    return []


def _clause_subject(s: _Sentence, tok):
    """The subject of the nearest clause above a verb that has none of its own."""
    head = tok
    for _ in range(6):
        if head.head is head:
            return []
        head = head.head
        for c in head.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:
                return s.at(c)
    return []


def _patient(s: _Sentence, tok):
    """What a participle modifies ("a gathering convened ... and hosted by X")."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    return s.at(t.head) if t.dep_ in ("acl", "relcl") else []


def _verb_rules(s: _Sentence, verbs: dict[str, str]) -> None:
    for tok in s.sent:
        if tok.pos_ not in ("VERB", "AUX") and tok.dep_ not in ("acl", "relcl"):
            continue
        lemma = tok.lemma_.lower()
        trigger = TRIGGERS.get(lemma)
        hop = trigger is not None
        if trigger is None and lemma in verbs and tok.pos_ == "VERB":
            rel, sign = cameo_relation(verbs[lemma])
            trigger, score, why = (rel, sign, "subject"), 0.6, f"cameo verb '{tok.text}'"
        elif trigger is not None:
            score, why = 0.8, f"verb '{tok.text}'"
        else:
            continue
        rel, sign, actor = trigger

        def kids(dep, tok=tok, hop=hop):
            return [x for c in tok.children if c.dep_ == dep for x in s.at(c, hop=hop)]

        subj = kids("nsubj")
        agent = s.at(next((g for c in tok.children if c.dep_ == "agent" for g in c.children), None))
        patient = kids("nsubjpass") or _patient(s, tok)
        objs = kids("dobj")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ not in ("by", "at", "under", "in"):
                objs += s.at(next((g for g in c.children if g.dep_ == "pobj"), None), hop=hop)
        if actor == "agent" and not agent:
            agent = _initiator(s, tok)
        if not (subj or agent) and hop:
            for c in tok.children:  # "In Washington's statement, the event was described"
                if c.dep_ == "prep":
                    subj = s.at(next((g for g in c.children if g.dep_ == "pobj"), None))
                    if subj:
                        break
            if not subj and (objs or patient):
                subj, score = _clause_subject(s, tok), 0.6
                why += " (the subject of the clause above)"
        if actor == "patient":
            pairs = [(a, b) for a in patient or subj for b in agent or objs]
        elif agent:
            pairs = [(a, b) for a in agent for b in patient or objs]
        else:
            pairs = [(a, b) for a in subj for b in objs or patient]
        if not pairs and rel in SYMMETRIC:  # "A and B signed a deal": the two are the pair
            pairs = [(a, b) for i, a in enumerate(subj) for b in subj[i + 1 :]]
        for a, b in pairs:
            s.add(a, b, rel, sign, why, score, span=[(tok.idx, tok.idx + len(tok))])


def _prep_objects(s: _Sentence, prep) -> list:
    """The names a preposition governs: its object (and those joined to it).

    After a gerund ("about developing a platform"): the gerund's object.
    """
    for g in prep.children:
        if g.dep_ == "pobj":
            return s.at(g)
        if g.dep_ == "pcomp":
            obj = next((x for x in g.children if x.dep_ in ("dobj", "pobj")), None)
            return s.at(obj)
    return []


def _owner(s: _Sentence, tok):
    """The possessor of a noun, or of the noun it belongs to ("Azerbaijan's role as a hub")."""
    t = tok
    for _ in range(4):
        poss = next((c for c in t.children if c.dep_ == "poss"), None)
        if poss is not None:
            return s.at(poss)
        if t.head is t:
            break
        t = t.head
    return []


def _copula_subject(s: _Sentence, tok):
    """The subject of "X is a member of Y", "X and Y are six of the members of Z"."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("attr", "acomp", "oprd") and t.head.lemma_ in ("be", "become", "remain"):
            return [x for c in t.head.children if c.dep_ == "nsubj" for x in s.at(c)]
        if t.dep_ == "dobj":  # "X imposed sanctions on Y"
            return [x for c in t.head.children if c.dep_ == "nsubj" for x in s.at(c)]
        if t.dep_ not in ("pobj", "prep", "attr") or t.head is t:
            return []
        t = t.head
    return []


def _noun_rules(s: _Sentence) -> None:
    for tok in s.sent:
        trigger = NOUN_TRIGGERS.get(tok.lower_) or NOUN_TRIGGERS.get(tok.lemma_.lower())
        if trigger is None or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        rel, sign = trigger
        stated = "inferred" if rel == "conflicts_with" and tok.lemma_ == "peace" else "explicit"
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        actors = s.at(poss) if poss is not None else []
        if not actors and rel == "links":
            actors = _owner(s, tok)
        if not actors:
            actors = _copula_subject(s, tok)
        targets, pair = [], []
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            found = _prep_objects(s, c)
            if c.lower_ in ("by", "of") and not actors:
                actors = found[:1]
            elif c.lower_ == "between":
                pair = found[:2]
            else:
                targets += found[:3]
        span = [(tok.idx, tok.idx + len(tok))]
        why = f"noun '{tok.text}'"
        if not targets and rel in SYMMETRIC:  # "A and B are allies"
            pair = pair or actors[:2]
        for a in actors:
            for b in targets:
                s.add(a, b, rel, sign, why, 0.7, stated, span=span)
        if len(pair) == 2:
            s.add(pair[0], pair[1], rel, sign, why + " between", 0.7, stated, span=span)


def _event_rules(s: _Sentence) -> None:
    for m, n in s.items:
        if s.types.get(n) != "event":
            continue
        inner = [(x, y) for x, y in s.items if m.start <= x.start and x.end <= m.end and y != n]
        text = m.text.lower()
        for x, y in inner:
            before = s.sent.doc.text[m.start : x.start].lower()
            t = s.types[y]
            if " between " in f" {before}" and t in ("state", "leader", "person", "organization"):
                s.add((x, y), (m, n), "attends", 0, "event phrase 'between'", 0.7)
            elif before.rstrip().endswith("of") and t == "organization":
                s.add((x, y), (m, n), "convenes", 0, "event phrase 'of'", 0.7)
            elif " among " in f" {before}" and t == "organization":
                s.add((m, n), (x, y), "concerns", 0, "event phrase 'among'", 0.7)
            elif t == "state" and "between" not in text[: x.start - m.start]:
                s.add((x, y), (m, n), "hosts", 0, "event phrase: its place", 0.5, "inferred")


def _title_rules(s: _Sentence, iso_node: dict[str, str], offices: set) -> None:
    for m, n in s.items:
        if s.types.get(n) not in _PERSONS or m.lead < 0:
            continue
        state = iso_node.get(m.country)
        if state is None:
            continue
        rel = "heads" if s.types[n] == "leader" else "represents"
        named = next(((x, y) for x, y in s.items if x.start == m.lead and y == state), None)
        if named is not None:
            s.add((m, n), named, rel, 0, "title", 0.9)
        elif (n, state) not in offices:  # the office once per text, from the gazetteer
            s.add((m, n), (m, state), rel, 0, "office known to the gazetteer", 0.6, "inferred")
            if s.out and s.out[-1].source == n:
                p = s.out.pop()
                s.out.append(
                    Proposal(
                        p.source,
                        p.target,
                        p.relation,
                        p.sign,
                        p.paragraph,
                        m.lead,
                        m.end,
                        p.stated,
                        p.score,
                        p.why,
                    )
                )
        offices.add((n, state))


def _cooccurrence(s: _Sentence, taken: set) -> None:
    seen = {}
    for m, n in s.items:
        seen.setdefault(n, m)
    nodes = list(seen.items())
    for i, (na, ma) in enumerate(nodes):
        for nb, mb in nodes[i + 1 :]:
            pair = frozenset((na, nb))
            if pair in taken:
                continue
            ta, tb = s.types[na], s.types[nb]
            prior = TYPE_PRIOR.get((ta, tb))
            a, b = ((ma, na), (mb, nb))
            if prior is None and TYPE_PRIOR.get((tb, ta)) is not None:
                prior, a, b = TYPE_PRIOR[(tb, ta)], b, a
            rel, sign = prior or ("cooperates_with", 1)
            if rel in ("heads", "represents") and s.iso.get(a[1]) not in ("", s.iso.get(b[1])):
                rel, sign = "cooperates_with", 1  # a person of another state
            gap = abs(mb.start - ma.end)
            score = round(max(0.1, 0.3 - gap / 1000), 2)
            why = "co-occurrence in one sentence"
            if _parallel(s, ma, mb):
                score, why = 0.1, "co-occurrence in one list (A, B and C)"
            s.add(a, b, rel, sign, why, score, "inferred")


def _parallel(s: _Sentence, ma: Mention, mb: Mention) -> bool:
    """Whether two mentions are items of one list ("A, B and C"): parallel, not tied."""
    doc = s.sent.doc
    a = doc.char_span(ma.start, ma.end, alignment_mode="expand")
    b = doc.char_span(mb.start, mb.end, alignment_mode="expand")
    if a is None or b is None:
        return False

    def top(t):
        while t.dep_ == "conj" and t.head is not t:
            t = t.head
        return t

    ra, rb = a.root, b.root
    return (ra.dep_ == "conj" or rb.dep_ == "conj") and top(ra) == top(rb)


def propose_ties(p, doc, mentions, node_of, nodes, *, offices=None) -> list[Proposal]:
    """Every proposal of paragraph ``p``: the rules, then co-occurrence for the pairs left.

    One proposal per pair of nodes in a paragraph: the best-scored one.
    ``offices``: the (person, state) pairs whose office was already proposed
    (updated); an office the text does not name is proposed once per text.
    """
    offices = set() if offices is None else offices
    types = {n["id"]: n["type"] for n in nodes}
    heads = {n["id"]: n.get("head", "") for n in nodes}
    iso_node = {n["iso"]: n["id"] for n in nodes if n["type"] == "state"}
    iso = {n["id"]: n.get("iso", "") for n in nodes}
    verbs = load_verbs()
    out: list[Proposal] = []
    for sent in doc.sents:
        ms = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        s = _Sentence(p, sent, ms, node_of, types, heads, iso)
        _title_rules(s, iso_node, offices)
        _verb_rules(s, verbs)
        _noun_rules(s)
        _event_rules(s)
        taken = {frozenset((x.source, x.target)) for x in out + s.out}
        _cooccurrence(s, taken)
        out += s.out
    best: dict[frozenset, Proposal] = {}
    for x in out:
        k = frozenset((x.source, x.target))
        if k not in best or (x.score, -x.start) > (best[k].score, -best[k].start):
            best[k] = x
    return sorted(best.values(), key=lambda x: (-x.score, x.start, x.source, x.target))
