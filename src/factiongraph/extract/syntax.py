"""Token-level syntax shared by the relation and event rules: clause heads, assertion, passives, subjects,
objects, coordination and the line a phrase stands on.

Pure functions of a parsed Token or Span, with no knowledge of actors, places or dates (that is context.py).
Where relations and events read a construction differently, both readings are here under their own name or
flag ("a threat to fight someone" still makes a rivalry, but no battle happened): `asserted` is the relation
rules' test of a statement, `happened` the event rules' test of an incident.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

# -- words that make a statement unreal -------------------------------------------------------------------------
NEGATORS = {"not", "never", "no", "n't"}
MODALS = {"may", "might", "could", "would", "should", "will", "shall", "must", "ca", "wo", "'ll"}
CONDITIONALS = {"if", "unless", "whether"}
# relations: a governing verb or noun that makes what it governs unreal (denied, planned, threatened ...)
STATEMENT_NEGATORS = NEGATORS | {"neither", "nor"}
STATEMENT_IRREALIS = {"deny", "refuse", "threaten", "plan", "expect", "consider", "intend", "want", "seek", "try",
                      "hope", "aim", "vow", "propose", "prepare", "urge", "demand", "reject", "fail", "decline",
                      "contemplate", "mull", "weigh", "discuss", "negotiate", "warn", "rumour", "rumor", "ask",
                      "need", "attempt", "allege", "claim"}
STATEMENT_IRREALIS_NOUNS = {"plan", "opportunity", "attempt", "bid", "threat", "call", "demand", "proposal",
                            "possibility", "prospect", "intention", "rumour", "rumor", "talk", "allegation"}
# events: "can" is a modal too, "without" a negator ("left without attacking"), and more governors make a
# happening unreal: fears, denials, blame, readiness
HAPPENING_NEGATORS = NEGATORS | {"without"}
HAPPENING_MODALS = MODALS | {"can"}
HAPPENING_IRREALIS = {"threaten", "plan", "vow", "warn", "intend", "seek", "prepare", "aim", "want", "hope",
                      "propose", "consider", "deny", "refuse", "reject", "fear", "expect", "risk", "urge", "demand",
                      "call", "try", "attempt", "pledge", "promise", "contemplate", "mull", "weigh", "avert",
                      "prevent", "avoid", "plot", "rule", "dismiss", "need", "allow", "ask", "push", "press",
                      "would", "if", "unless", "fail", "offer", "able", "ready", "willing", "struggle", "blame",
                      "accuse", "allege"}
HAPPENING_IRREALIS_NOUNS = {"threat", "plan", "possibility", "risk", "fear", "call", "demand", "prospect", "bid",
                            "attempt", "warning", "rumour", "rumor", "allegation", "denial", "proposal", "need",
                            "hope", "pressure", "appetite", "effort", "push", "request", "offer", "readiness",
                            "claim", "accusation", "speculation", "chance", "talk"}
# heads under which an infinitive still reports a happening ("continue to protest"); elsewhere "to seize" is a
# purpose or a plan ("a campaign to seize the capital", "agreed to hand back")
ASPECTUAL = {"begin", "start", "continue", "resume", "keep", "manage", "go", "proceed"}
# participles that tell a noun's happening as done ("the agreement signed in Cartagena")
ATTESTED = {"sign", "reach", "conclude", "broker", "negotiate", "carry", "launch", "stage"}
# past forms the small model leaves unlemmatised
IRREGULAR = {"retook": "retake", "overran": "overrun", "took": "take", "fell": "fall", "withdrew": "withdraw",
             "fought": "fight", "shot": "shoot", "struck": "strike", "broke": "break", "drove": "drive",
             "recaptured": "recapture", "retaken": "retake", "overrun": "overrun", "shelled": "shell",
             "stormed": "storm", "ambushed": "ambush", "abducted": "abduct", "kidnapped": "kidnap",
             "staged": "stage", "raped": "rape"}
FORMER = {"former", "formerly", "previously", "erstwhile", "onetime", "one-time", "ex"}


def lemma_of(tok: Token) -> str:
    """The lower-cased lemma, with the past forms the small model misses ("retook" -> "retake")."""
    return IRREGULAR.get(tok.lower_) or tok.lemma_.lower()


# -- clauses -----------------------------------------------------------------------------------------------------
def clause_head(tok: Token, steps: int = 8) -> Token:
    """The verb whose clause holds the token (a noun climbs to its governing verb), or the root; the climb
    stops after `steps` heads (the relation rules look 8 up, the event rules 6)."""
    t = tok
    for _ in range(steps):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT" or t.head.i == t.i:
            return t
        t = t.head
    return t


def has_to(tok: Token) -> bool:
    """An infinitive: the token has its own "to"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _conditional(kids: list[Token]) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONALS for c in kids)


def asserted(tok: Token, strict: bool = True) -> bool:
    """The relation rules' test: False when the statement is negated, denied, hypothetical or future. With
    strict=False only negation and denial count (a threat to fight someone still makes a rivalry)."""
    t = tok
    for _ in range(6):
        kids = list(t.children)
        if any(c.dep_ == "neg" or c.lower_ in STATEMENT_NEGATORS and c.dep_ in ("advmod", "det", "neg") for c in kids):
            return False
        if t.lemma_ in ("deny", "refuse", "reject") and t is not tok:
            return False
        if strict:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in kids):
                return False
            if _conditional(kids):
                return False
            if t is not tok and (t.lemma_ in STATEMENT_IRREALIS or
                                 t.lemma_ in STATEMENT_IRREALIS_NOUNS and t.pos_ == "NOUN"):
                return False
            if has_to(t) and t.head.lemma_ in STATEMENT_IRREALIS_NOUNS:
                return False
            if t.lemma_ == "go" and any(c.lower_ == "to" for c in t.children):
                return False
        if t.dep_ in ("ROOT",) or t.head is t:
            break
        if t.dep_ == "appos":
            break
        if t.dep_ in ("relcl", "conj", "acl", "advcl", "parataxis", "ccomp") and t.pos_ in ("VERB", "AUX") \
                and not has_to(t):
            break
        t = t.head
    return True


def happened(tok: Token) -> bool:
    """The event rules' test: False for a negated, denied, hypothetical, threatened or future happening, and
    for an infinitive that is a purpose or a plan."""
    if tok.pos_ == "VERB" and has_to(tok) and not (tok.dep_ == "xcomp" and lemma_of(tok.head) in ASPECTUAL):
        return False
    if tok.pos_ == "NOUN" and any(c.dep_ == "acl" and c.tag_ == "VBN" and lemma_of(c) in ATTESTED and
                                  not any(g.dep_ == "neg" for g in c.children) for c in tok.children):
        return True  # "rejected the agreement signed in Cartagena": the signing is told as done
    t, prev = tok, None
    for step in range(7):
        kids = list(t.children)
        if any(c.dep_ == "neg" or c.lower_ in HAPPENING_NEGATORS and c.dep_ in ("advmod", "det", "neg", "prep") and
               (c.lower_ != "without" or prev is not None and c.i == prev.i) for c in kids):
            return False  # "left without attacking" negates; "took the city without a fight" does not
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in HAPPENING_MODALS for c in kids):
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.dep_ == "det" and g.lower_ == "no"
                                                              for g in c.children) for c in kids):
            return False  # "no offensive has been announced"
        if _conditional(kids):
            return False
        if any(c.dep_ == "aux" and c.lower_ in ("going", "set") for c in kids):
            return False
        coordinated = prev is not None and prev.dep_ == "conj" and prev.pos_ == "VERB"
        if step and not coordinated and (t.lemma_.lower() in HAPPENING_IRREALIS and t.pos_ in ("VERB", "AUX") or
                                         t.lemma_.lower() in HAPPENING_IRREALIS_NOUNS and t.pos_ == "NOUN"):
            return False  # "blamed X, and struck its bases": the strike is told, not blamed
        if t.dep_ == "ROOT" or t.head.i == t.i:
            break
        if step and t.pos_ in ("VERB", "AUX") and t.dep_ in ("relcl", "conj", "advcl", "parataxis", "ccomp") and \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            break
        if step and t.dep_ in ("relcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
            return False  # "the way to direct talks", "a chance to sign a deal": a purpose, not a deed
        if t.dep_ in ("advcl", "relcl", "parataxis") and t.pos_ in ("VERB", "AUX"):
            break
        if t.dep_ == "conj" and t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids):
            break  # "the army rejected the claims, and its warplanes struck": a clause of its own
        t, prev = t.head, t
    return True


def completed(tok: Token) -> bool:
    """A finite past or perfect clause: a reported, completed happening."""
    v = clause_head(tok)
    return v.tag_ == "VBD" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children) or \
        tok.pos_ == "NOUN" and v.tag_ in ("VBD", "VBN")


def former(tok: Token) -> bool:
    """'former leader', 'ex-commander', 'who was formerly the head of', 'previously led'."""
    for t in (tok, tok.head):
        for c in t.children:
            if c.lower_ in FORMER:
                return True
        if t.pos_ in ("VERB", "AUX"):
            break
    i = tok.i
    return i >= 2 and tok.doc[i - 1].text == "-" and tok.doc[i - 2].lower_ == "ex"


# -- verbs and their dependents ------------------------------------------------------------------------------------
def passive(verb: Token, reduced: bool = False) -> bool:
    """A passive clause; with reduced=True also a bare participle on a noun ("soldiers captured in the raid"),
    which the event rules count and the relation rules test apart."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or \
        reduced and verb.dep_ == "acl" and verb.tag_ == "VBN"


def objects(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd")]


def prep_objects(head: Token, prep: str) -> list[Token]:
    """The objects of the head's preposition `prep` ("fought against X"), also where a particle carries it
    ("broke away from X")."""
    out = []
    for c in head.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            out.extend(p for p in c.children if p.dep_ == "pobj")
        if (c.dep_ == "prt" or c.dep_ == "advmod" and c.lower_ in ("away", "off", "out")) and prep:
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == prep:
                    out.extend(q for q in p.children if q.dep_ == "pobj")
    return out


def own_subject(verb: Token) -> bool:
    """The verb has its own subject or a perfect auxiliary: an active clause."""
    return any(c.dep_ in ("nsubj", "csubj") or c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def singular(verb: Token) -> bool:
    """A third-person singular present verb or auxiliary ("leads", "has led", "is led")."""
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBZ" for c in verb.children)


def subject_tokens(verb: Token) -> list[Token]:
    """The tokens that do what the verb says: its subject, a conjoined or governing verb's subject, a relative
    clause's antecedent, the noun a present participle modifies."""
    t = verb
    for _ in range(4):
        subs = [c for c in t.children if c.dep_ in ("nsubj", "csubj")]
        if subs:
            if t.dep_ == "relcl" and subs[0].lower_ in ("who", "which", "that"):
                return [t.head]
            return subs
        if t.dep_ in ("xcomp", "conj", "advcl", "pcomp") and t.head.i != t.i:
            if t.dep_ == "advcl" and t.tag_ not in ("VBG", "VBN"):
                return []
            t = t.head
            continue
        if t.dep_ == "relcl":
            return [t.head]
        if t.dep_ == "acl" and t.tag_ == "VBG":
            return [t.head]
        return []
    return []


def reflexive(tok: Token) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself", "themselves") for c in tok.children)


def list_prep(c: Token) -> bool:
    """A preposition that opens a list of members: "including", "like", "such as"."""
    return c.dep_ == "prep" and (c.lower_ in ("including", "like") or c.lower_ == "as" and any(
        x.lower_ == "such" for x in c.head.children) or c.lower_ == "as" and c.i > 0 and
        c.doc[c.i - 1].lower_ == "such")


def modifier_lemmas(tok: Token) -> set[str]:
    """Lemmas of the words that qualify a noun ("drone strike", "car and truck bombs") and of the word before."""
    out = {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod"):
            out |= {g.lemma_.lower() for g in c.children if g.dep_ in ("conj", "compound")}
    if tok.i > 0:
        out.add(tok.doc[tok.i - 1].lemma_.lower())
    return out


# -- coordination and lines ------------------------------------------------------------------------------------------
def same_line(a: Token, b: Token) -> bool:
    """A headline the parser ran into the lead: words on two lines are no one phrase."""
    lo, hi = min(a.i, b.i), max(a.i, b.i)
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def conjuncts(tok: Token) -> list[Token]:
    """The token and every head coordinated or apposed with it on the same line."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.dep_ in ("conj", "appos") and same_line(t, c))
    return out


def coordinate(tok: Token) -> list[Token]:
    """The nouns coordinated with this one, before or after it."""
    out = [c for c in tok.children if c.dep_ == "conj"]
    if tok.dep_ == "conj":
        out.append(tok.head)
    return out


def spans_coordinated(a: Span, b: Span) -> bool:
    """Two names in one list: conjuncts of each other or of one head, or beside each other with commas and
    "and" between."""
    ra, rb = a.root, b.root
    pa, pb = ra.head, rb.head  # "in Mopti and in Soum": the prepositions are coordinated
    if ra.dep_ == rb.dep_ == "pobj" and (pb.dep_ == "conj" and pb.head == pa or pa.dep_ == "conj" and pa.head == pb):
        return True
    return ra.head == rb and ra.dep_ == "conj" or rb.head == ra and rb.dep_ == "conj" or \
        ra.head == rb.head and ra.dep_ == rb.dep_ == "conj" or \
        abs(a.start - b.end) <= 2 and all(t.lower_ in (",", "and", "or") for t in a.doc[b.end:a.start]) or \
        abs(b.start - a.end) <= 2 and all(t.lower_ in (",", "and", "or") for t in a.doc[a.end:b.start])


def semicolon_between(a: Token, b: Token) -> bool:
    """Items of a semicolon list ("A, head of X; B, leader of Y") each carry their own descriptions."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo:hi])


def in_subtree(span: Span, root: Token) -> bool:
    return root.left_edge.i <= span.start and span.end - 1 <= root.right_edge.i


def sentence_initial(tok: Token) -> bool:
    return tok.is_sent_start or tok.i > 0 and "\n" in tok.doc[tok.i - 1].text + tok.doc[tok.i - 1].whitespace_

