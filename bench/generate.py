#!/usr/bin/env python3
"""Write a synthetic but realistic journeydocs playbook (and, optionally, its MkDocs twin).

    python bench/generate.py N OUT_DIR [--seed S] [--mkdocs [--nav full|sidebar] | --hugo]

The playbook has a site.yml (5 stages, 8 channels, 6 teams), max(3, N // 4) personas,
N journeys of 12 touchpoints each (does / thinks / feels, emotion, expectation vs
reality, pain points, opportunities, systems, data, 1–3 content items, some ``next``
branches), a 300–600-word Markdown storyline per journey (``## Stage`` sections, a table,
a list) and a few free pages. The same seed always gives the same bytes.

With ``--mkdocs`` OUT_DIR instead receives the *equivalent hand-written MkDocs project*:
one Markdown page for each journey, touchpoint, persona and free page of the journeydocs
site, holding the same text (touchpoint table and content inventory as Markdown tables,
the storyline, the journey and flow diagrams as ```mermaid fences left as plain code),
and an ``mkdocs.yml`` with the default ``mkdocs`` theme. ``--nav full`` (the default)
lists every page in the nav; ``--nav sidebar`` lists what journeydocs' own sidebar lists
(journeys, personas, free pages), leaving touchpoint pages out of the nav.

With ``--hugo`` OUT_DIR receives the *equivalent hand-written Hugo site*: the same pages
and text (``content/``, front matter with title and weight, links to the ``.html``
files of ``uglyURLs``), a ``hugo.toml`` without taxonomies, RSS or sitemap, and a
minimal layout (``layouts/``): one base template with a nav list of the home page and
every journey, persona and free page (touchpoints left out, as journeydocs' sidebar
does), rendered once per site with ``partialCached``.

Only the standard library and PyYAML (a journeydocs dependency) are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TOUCHPOINTS_PER_JOURNEY = 12

# --------------------------------------------------------------------------- vocabularies

STAGES = [("discover", "Discover"), ("buy", "Buy"), ("use", "Use"), ("return", "Return"),
          ("advocate", "Advocate")]
ALT_STAGES = [("browse", "Browse"), ("decide", "Decide"), ("onboard", "Onboard"),
              ("get-help", "Get help"), ("renew", "Renew")]
CHANNELS = [("email", "Email"), ("sms", "SMS"), ("web", "Web shop"), ("app", "Mobile app"),
            ("push", "Push notification"), ("store", "Store"), ("phone", "Phone"),
            ("chat", "Chat")]
TEAMS = [("marketing", "Marketing"), ("cx", "Customer Experience"),
         ("data", "Data & Engineering"), ("service", "Customer Service"),
         ("ecommerce", "E-commerce"), ("logistics", "Logistics & Returns")]

FIRST = ["Maria", "Erik", "Freja", "Ioana", "Sofia", "Lars", "Ana", "Mads", "Ingrid", "Tiago",
         "Elena", "Jonas", "Astrid", "Rui", "Camelia", "Oskar", "Beatriz", "Nils", "Lucia",
         "Henrik", "Mihai", "Clara", "Anders", "Ines", "Karin", "Pedro", "Sigrid", "Andrei",
         "Marta", "Emil"]
LAST = ["Sousa", "Lindqvist", "Jensen", "Popescu", "Almeida", "Nilsson", "Costa", "Hansen",
        "Berg", "Ferreira", "Ionescu", "Larsen", "Dahl", "Santos", "Eriksson", "Nielsen",
        "Marin", "Holm", "Pereira", "Strand"]
ROLES = ["Last-minute gift shopper", "First-time home buyer", "Loyal weekend shopper",
         "Small-business buyer", "Student on a budget", "Busy parent of two",
         "Interior design enthusiast", "Returning customer after a bad delivery",
         "Store-first browser", "App-only deal hunter", "Facility manager",
         "Newly moved-in tenant"]
SEGMENTS = ["B2C retail — Portugal", "B2C retail — Sweden", "B2C retail — Denmark",
            "B2C retail — Romania", "B2B — small offices", "Loyalty club members",
            "Students", "Premium customers"]
QUOTES = ["I need it today, not tomorrow.", "Just tell me when it arrives.",
          "I don't want to call anyone — let me do it in the app.",
          "If the price is right I'll come back.", "I hate printing return labels.",
          "Show me how it looks in a real room.", "One invoice a month, please.",
          "I read every review before I buy.", "Don't send me five emails a day."]
GOALS = ["Find a good deal", "Order before the cut-off", "Furnish a room in one go",
         "Keep the budget under control", "Get help without waiting on the phone",
         "Return things without a printer", "Collect loyalty points", "Buy a gift that fits",
         "Compare delivery promises", "Reorder what worked last time"]
NEEDS = ["Fast confirmation", "Clear delivery dates", "Checkout in her own language",
         "A gift receipt", "Invoice payment", "Honest stock levels", "Easy exchanges",
         "A real person when things go wrong", "Measurements on every product page"]
PAINS = ["Coupons that arrive late", "Delivery updates in the wrong language",
         "Returns that need a printer", "Long phone queues", "Hidden delivery fees",
         "Emails about things already bought", "Passwords that expire",
         "Stock shown online that is not in the store", "Refunds that take a week",
         "Too many marketing messages", "Chatbots that cannot help"]
MOTIVATIONS = ["Surprise someone on a birthday", "Feel like a good planner",
               "Make the new flat feel like home", "Save money for the holidays",
               "Support a brand with good values", "Impress a client with the office",
               "Spend less time on errands"]

JOURNEY_ACTIONS = ["Buy a gift with an email coupon", "Furnish a new flat", "Return a damaged parcel",
                   "Join the loyalty club", "Order for the office", "Book a design appointment",
                   "Reorder favourite candles", "Track a late delivery", "Exchange a web order in store",
                   "Redeem a birthday voucher", "Plan a kitchen makeover", "Sign up for the app",
                   "Recommend the shop to a friend", "Renew a business account",
                   "Complain about a missing item", "Buy during the winter sale"]
JOURNEY_TWISTS = ["on mobile", "before the weekend", "after a store visit", "with click and collect",
                  "in the app", "with a gift card", "for the first time", "after a bad experience",
                  "during Black Friday", "with home delivery", "from social media", "on invoice"]

TP_NAMES = {
    0: ["Sees a social media ad", "Reads reviews", "Lands on the campaign page",
        "Gets a friend's recommendation", "Searches for a product", "Opens the newsletter"],
    1: ["Adds items to the basket", "Checks out", "Applies a coupon", "Chooses delivery",
        "Pays with invoice", "Gets the order confirmation"],
    2: ["Receives the parcel", "Assembles the product", "Opens the app for the first time",
        "Gets a delivery SMS", "Reads the care guide", "Collects the order in store"],
    3: ["Starts a return", "Prints the return label", "Drops off the parcel", "Gets the refund",
        "Calls customer service", "Chats about an exchange"],
    4: ["Writes a review", "Forwards a referral invitation", "Gets a loyalty reward",
        "Shares a photo on social media", "Receives an occasion reminder", "Buys again"],
}
DOES = ["Taps the ad and scrolls the product list", "Compares two items side by side",
        "Enters her email address to get 10% off", "Fills in the delivery address",
        "Waits for the confirmation email", "Opens the parcel at the door",
        "Searches the help centre", "Calls the support line", "Scans the QR code in the box",
        "Writes a short review", "Forwards the invitation to a colleague",
        "Logs in after a password reset", "Chooses click and collect", "Reads the care guide"]
THINKS = ["Will this arrive before Saturday?", "Is this the best price I can get?",
          "Why do they need my phone number?", "Did the payment go through?",
          "Where is my parcel now?", "How do I return this without a printer?",
          "Will they remember what I bought last time?", "Is anyone actually reading this?",
          "Can I trust these reviews?", "Is it worth the effort?"]
FEELS = ["Hopeful", "Curious", "Annoyed", "Relieved", "Stressed", "Delighted", "Confused",
         "Impatient", "Reassured", "Indifferent", "Frustrated", "Proud"]
EXPECT = ["The coupon arrives at once", "Delivery dates are shown on the product card",
          "The refund arrives within two days", "Someone answers within five minutes",
          "The app remembers her basket", "Updates come in her language",
          "The parcel fits through the door", "A personal thank-you after the purchase"]
REALITY = ["The coupon arrives 24 hours later", "Delivery dates appear only in the basket",
           "The refund takes five working days", "The queue is twenty minutes long",
           "The basket is empty after login", "Updates arrive in English only",
           "The parcel is left with a neighbour", "A generic newsletter the next morning"]
TP_PAINS = ["Waits for the coupon", "No delivery promise on the product cards",
            "Has to print a label", "Repeats her order number three times",
            "Gets two emails about the same thing", "Cannot change the delivery slot",
            "The pop-up covers the price", "Loses the basket when switching device",
            "The survey arrives before the parcel", "Unclear who to contact"]
OPP_TITLES = ["Send the coupon in real time", "Show 'arrives by' dates on product cards",
              "Offer QR-code returns without a printer", "Add a call-back option",
              "Personalise the welcome with viewed items", "Translate delivery updates",
              "Merge duplicate order emails", "Let customers change the slot in the app",
              "Delay the survey until after delivery", "Show one contact point per order",
              "Sync the basket across devices", "Reward reviews with loyalty points"]
OPP_STATUSES = ["idea", "planned", "in-progress", "done", "dropped"]
SYSTEMS = ["ESP", "CDP", "Web CMS", "PIM", "OMS", "WMS", "CRM", "POS", "Carrier API",
           "Payment gateway", "Loyalty platform", "Contact-centre platform", "App backend",
           "Ad platform", "Review platform"]
DATA = ["Browsing history", "Email address", "Consent flags", "Basket", "Order status",
        "Delivery address", "Preferred language", "Loyalty tier", "Return reason",
        "Campaign source", "Stock level", "Payment status", "Purchase history"]
CONTENT_TYPES = ["email", "sms", "web-page", "push", "call-script", "letter", "app-screen",
                 "social-ad", "chat-macro"]
CONTENT_STATUSES = ["planned", "draft", "in-review", "approved", "live", "retired"]
LANGUAGES = ["en", "sv", "da", "pt", "ro"]
TIMINGS = ["day 0", "day 0, 12:30", "+1 h", "+24 h", "day 2", "day 3", "week 1", "week 2",
           "+30 min", "month 1", "month 3", "month 11"]
JOURNEY_TYPES = ["current-state"] * 6 + ["day-in-the-life", "service-blueprint"]
JOURNEY_STATUSES = ["published"] * 5 + ["review", "review", "draft", "draft", "retired"]
METRICS = ["Coupon-to-purchase conversion", "Return rate", "First-contact resolution",
           "Net Promoter Score", "Repeat purchase within 90 days", "App activation rate",
           "Delivery on promised date", "Average handling time", "Referral conversion"]
TARGETS = ["25% within 24 hours", "below 8% by Q3", "80% by the end of the year",
           "+10 points in six months", "35% of first-time buyers", "60% in the first week",
           "97% of orders", "under 4 minutes", "1 in 10 invitations"]

SUBJECTS = ["the customer", "she", "he", "our team", "the store staff", "the carrier",
            "customer service", "the app", "the email", "the checkout"]
VERBS = ["notices", "expects", "misses", "gets", "compares", "waits for", "asks about",
         "looks for", "forgets", "appreciates", "struggles with", "finds"]
OBJECTS = ["the delivery promise", "a clear confirmation", "the coupon code",
           "the return label", "a friendly reminder", "the loyalty points", "a personal offer",
           "the order status", "the product reviews", "a quick answer", "the gift receipt",
           "the size guide", "the invoice", "the next step"]
TAILS = ["before lunch", "on the metro", "a day too late", "without asking", "in the app",
         "at the worst possible moment", "in her own language", "on the second try",
         "after a long wait", "exactly when it matters", "only in the basket",
         "while the kettle boils"]
CONNECT = ["Meanwhile,", "Later,", "This is where", "As a result,", "In the workshop we saw that",
           "Interviews show that", "Most of the time", "On a good day", "When it goes wrong,"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------- the model


@dataclass
class Content:
    id: str
    title: str
    type: str
    status: str
    owner: str
    language: str
    link: str
    last_reviewed: dt.date | None


@dataclass
class Opportunity:
    title: str
    effort: int
    impact: int
    status: str


@dataclass
class Touchpoint:
    id: str
    name: str
    stage: str
    channel: str
    timing: str
    persona: str | None
    owner: str
    does: str
    thinks: str
    feels: str
    emotion: int
    expectation: str
    reality: str
    pain_points: list[str]
    opportunities: list[Opportunity]
    systems: list[str]
    data: list[str]
    next: list[str]
    content: list[Content]


@dataclass
class Persona:
    id: str
    name: str
    role: str
    segment: str
    quote: str
    goals: list[str]
    needs: list[str]
    pain_points: list[str]
    motivations: list[str]
    channels: list[str]
    body: str


@dataclass
class Storyline:
    intro: str
    stages: list[tuple[str, str]]  # (stage name, narrative markdown)
    others: list[tuple[str, str]]  # (heading, markdown)

    def markdown(self) -> str:
        parts = [self.intro]
        parts += [f"## {name}\n\n{text}" for name, text in self.stages]
        parts += [f"## {name}\n\n{text}" for name, text in self.others]
        return "\n\n".join(parts) + "\n"


@dataclass
class Journey:
    id: str
    title: str
    summary: str
    type: str
    status: str
    personas: list[str]
    owner: str
    goal: dict
    raci: dict
    pillars: dict
    stages: list[tuple[str, str]] | None  # own stages, or None for site.yml's
    touchpoints: list[Touchpoint]
    future_of: str | None
    story: Storyline


@dataclass
class FreePage:
    id: str
    title: str
    order: int
    body: str


@dataclass
class Playbook:
    title: str
    description: str
    personas: list[Persona] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)
    pages: list[FreePage] = field(default_factory=list)

    def stages_of(self, journey: Journey) -> list[tuple[str, str]]:
        return journey.stages or STAGES


# --------------------------------------------------------------------------- generation


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)

    def pick(self, seq):
        return self.r.choice(seq)

    def some(self, seq, lo: int, hi: int) -> list:
        return self.r.sample(seq, self.r.randint(lo, hi))

    def sentence(self) -> str:
        r = self.r
        obj = self.pick(OBJECTS)
        if r.random() < 0.2:
            obj = f"**{obj}**"
        s = f"{self.pick(SUBJECTS)} {self.pick(VERBS)} {obj} {self.pick(TAILS)}"
        if r.random() < 0.35:
            s = f"{self.pick(CONNECT)} {s}"
        if r.random() < 0.25:
            s += f", and {self.pick(SUBJECTS)} {self.pick(VERBS)} {self.pick(OBJECTS)}"
        return s[0].upper() + s[1:] + "."

    def paragraph(self, words: int) -> str:
        out: list[str] = []
        count = 0
        while count < words:
            s = self.sentence()
            out.append(s)
            count += len(s.split())
        return " ".join(out)

    # ----------------------------------------------------------------- personas

    def persona(self, index: int) -> Persona:
        first, last = self.pick(FIRST), self.pick(LAST)
        pid = f"{slugify(first)}-{slugify(last)}-{index + 1}"
        notes = "\n".join(f"- {self.sentence()}" for _ in range(4))
        body = (f"{first} is {self.r.randint(22, 67)} years old. {self.paragraph(50)}\n\n"
                f"## A day in the life\n\n{self.paragraph(60)}\n\n"
                f"## Research notes\n\n{notes}\n")
        return Persona(
            id=pid, name=f"{first} {last}", role=self.pick(ROLES), segment=self.pick(SEGMENTS),
            quote=self.pick(QUOTES), goals=self.some(GOALS, 2, 3), needs=self.some(NEEDS, 1, 3),
            pain_points=self.some(PAINS, 1, 3), motivations=self.some(MOTIVATIONS, 1, 2),
            channels=[c for c, _ in self.some(CHANNELS, 1, 3)], body=body)

    # ----------------------------------------------------------------- journeys

    def journey(self, index: int, personas: list[Persona], earlier: list[Journey]) -> Journey:
        r = self.r
        title = f"{self.pick(JOURNEY_ACTIONS)} {self.pick(JOURNEY_TWISTS)}"
        jid = f"{slugify(title)}-{index + 1}"
        jtype = self.pick(JOURNEY_TYPES)
        future_of = None
        current = [j for j in earlier if j.type == "current-state"]
        if current and r.random() < 0.12:
            jtype, future_of = "future-state", self.pick(current).id
            title = f"{title} (future state)"
        cast = [p.id for p in r.sample(personas, 2 if r.random() < 0.3 else 1)]
        own = ALT_STAGES if r.random() < 0.15 else None
        stages = own or STAGES
        team_ids = [t for t, _ in TEAMS]
        owner = self.pick(team_ids)
        others = [t for t in team_ids if t != owner]
        r.shuffle(others)
        raci = {"responsible": [owner] + others[:1], "accountable": [owner],
                "consulted": others[1:3], "informed": others[3:5]}
        # 12 touchpoints spread over the stages, in stage order, every stage used
        per_stage = [1] * len(stages)
        for _ in range(TOUCHPOINTS_PER_JOURNEY - len(stages)):
            per_stage[r.randrange(len(stages))] += 1
        tps: list[Touchpoint] = []
        used: set[str] = set()
        for s_index, (stage_id, _) in enumerate(stages):
            for _ in range(per_stage[s_index]):
                tps.append(self.touchpoint(len(tps), stage_id, s_index, cast, jid, used))
        for k, tp in enumerate(tps[:-2]):  # some branches: skip ahead or fork
            if r.random() < 0.15:
                tp.next = [tps[k + 1].id, tps[r.randint(k + 2, len(tps) - 1)].id]
        story = self.storyline(title, stages, tps)
        return Journey(
            id=jid, title=title,
            summary=self.paragraph(25),
            type=jtype, status=self.pick(JOURNEY_STATUSES), personas=cast, owner=owner,
            goal={"metric": self.pick(METRICS), "target": self.pick(TARGETS)}, raci=raci,
            pillars={"audience": self.sentence(), "data": ", ".join(self.some(DATA, 2, 4)),
                     "content": ", ".join(self.pick(CONTENT_TYPES) for _ in range(3)),
                     "channels": ", ".join(n for _, n in self.some(CHANNELS, 2, 4))},
            stages=own, touchpoints=tps, future_of=future_of, story=story)

    def touchpoint(self, k: int, stage: str, s_index: int, cast: list[str], jid: str,
                   used: set[str]) -> Touchpoint:
        r = self.r
        pool = [n for n in TP_NAMES[s_index % 5] if n not in used] or TP_NAMES[s_index % 5]
        name = self.pick(pool)
        used.add(name)
        tid = f"{slugify(name)}-{k + 1}"
        team_ids = [t for t, _ in TEAMS]
        content = []
        for c in range(r.randint(1, 3)):
            ctype = self.pick(CONTENT_TYPES)
            lang = self.pick(LANGUAGES)
            cid = f"{tid}-{ctype}-{c + 1}"
            reviewed = (dt.date(2025, 1, 1) + dt.timedelta(days=r.randint(0, 640))
                        if r.random() < 0.8 else None)
            content.append(Content(
                id=cid, title=f"{name} — {ctype.replace('-', ' ')} ({lang})", type=ctype,
                status=self.pick(CONTENT_STATUSES), owner=self.pick(team_ids), language=lang,
                link=f"https://dam.example.com/assets/{jid}/{cid}", last_reviewed=reviewed))
        return Touchpoint(
            id=tid, name=name, stage=stage, channel=self.pick(CHANNELS)[0],
            timing=self.pick(TIMINGS),
            persona=cast[1] if len(cast) > 1 and r.random() < 0.3 else None,
            owner=self.pick(team_ids), does=self.pick(DOES), thinks=self.pick(THINKS),
            feels=self.pick(FEELS), emotion=r.randint(1, 5), expectation=self.pick(EXPECT),
            reality=self.pick(REALITY), pain_points=self.some(TP_PAINS, 1, 2),
            opportunities=[Opportunity(self.pick(OPP_TITLES), r.randint(1, 5), r.randint(1, 5),
                                       self.pick(OPP_STATUSES)) for _ in range(r.randint(0, 2))],
            systems=self.some(SYSTEMS, 1, 3), data=self.some(DATA, 1, 3), next=[],
            content=content)

    def storyline(self, title: str, stages, tps: list[Touchpoint]) -> Storyline:
        r = self.r
        intro = (f"This map follows *{title.lower()}* from first contact to the moment the "
                 f"customer tells others about us. {self.paragraph(50)}")
        narratives = []
        for sid, sname in stages:
            names = [tp.name.lower() for tp in tps if tp.stage == sid]
            narratives.append((sname, f"{self.paragraph(r.randint(28, 48))} The stage covers "
                                      f"{', '.join(names)}."))
        rows = "\n".join(f"| {self.pick(METRICS)} | {r.randint(5, 60)}% | {self.pick(TARGETS)} |"
                         for _ in range(4))
        table = f"| Measure | Today | Target |\n| --- | --- | --- |\n{rows}"
        items = "\n".join(f"- {self.sentence()}" for _ in range(4))
        others = [("Measures", f"How we know the journey works:\n\n{table}"),
                  ("Open questions", f"{self.paragraph(20)}\n\n{items}")]
        return Storyline(intro, narratives, others)

    # ----------------------------------------------------------------- playbook

    def playbook(self, n: int) -> Playbook:
        pb = Playbook(title="Nordlys Home Journey Playbook (benchmark)",
                      description="A synthetic playbook for benchmarking journeydocs.")
        pb.personas = [self.persona(i) for i in range(max(3, n // 4))]
        for i in range(n):
            pb.journeys.append(self.journey(i, pb.personas, pb.journeys))
        pb.pages = [
            FreePage("about", "About this playbook", 1,
                     f"{self.paragraph(80)}\n\n## Who maintains it\n\n{self.paragraph(40)}\n"),
            FreePage("how-to-read", "How to read a journey map", 2,
                     f"{self.paragraph(60)}\n\n## Emotion scores\n\n| Score | Meaning |\n"
                     "| --- | --- |\n| 1 | Very negative |\n| 3 | Neutral |\n| 5 | Very positive |\n"),
            FreePage("glossary", "Glossary", 3, "".join(
                f"## {w}\n\n{self.paragraph(30)}\n\n"
                for w in ("Touchpoint", "Stage", "Persona", "Opportunity", "Content item"))),
            FreePage("contributing", "Contributing", 4,
                     f"{self.paragraph(50)}\n\n1. Fork the playbook\n2. Edit a journey\n"
                     "3. Run `journeydocs check`\n4. Open a merge request\n"),
        ]
        return pb


# --------------------------------------------------------------------------- journeydocs writer


class _Dumper(yaml.SafeDumper):
    pass


def front(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000,
                     default_flow_style=False)


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, [], "")}


def write_journeydocs(pb: Playbook, out: Path) -> None:
    site = {
        "title": pb.title, "description": pb.description, "language": "en",
        "base_url": "https://playbooks.example.com/", "content_dir": "content",
        "output_dir": "site",
        "stages": [{"id": i, "name": n} for i, n in STAGES],
        "channels": [{"id": i, "name": n} for i, n in CHANNELS],
        "teams": [{"id": i, "name": n} for i, n in TEAMS],
    }
    (out / "site.yml").write_text(front(site), encoding="utf-8")
    for sub in ("personas", "journeys", "pages"):
        (out / "content" / sub).mkdir(parents=True, exist_ok=True)
    for p in pb.personas:
        meta = {k: getattr(p, k) for k in ("name", "role", "segment", "quote", "goals", "needs",
                                           "pain_points", "motivations", "channels")}
        _write(out / "content" / "personas" / f"{p.id}.md", meta, p.body)
    for j in pb.journeys:
        meta = {"title": j.title, "summary": j.summary, "type": j.type, "status": j.status,
                "personas": j.personas, "owner": j.owner}
        if j.future_of:
            meta["future_of"] = j.future_of
        meta.update(goal=j.goal, raci=j.raci, pillars=j.pillars)
        if j.stages:
            meta["stages"] = [{"id": i, "name": n} for i, n in j.stages]
        meta["touchpoints"] = [_tp_yaml(tp) for tp in j.touchpoints]
        _write(out / "content" / "journeys" / f"{j.id}.md", meta, j.story.markdown())
    for page in pb.pages:
        _write(out / "content" / "pages" / f"{page.id}.md",
               {"title": page.title, "order": page.order}, page.body)


def _tp_yaml(tp: Touchpoint) -> dict:
    d = {k: getattr(tp, k) for k in ("id", "name", "stage", "channel", "timing", "persona",
                                     "owner", "does", "thinks", "feels", "emotion",
                                     "expectation", "reality", "pain_points")}
    d["opportunities"] = [vars(o) for o in tp.opportunities]
    d.update(systems=tp.systems, data=tp.data, next=tp.next)
    d["content"] = [_clean(vars(c)) for c in tp.content]
    return _clean(d)


def _write(path: Path, meta: dict, body: str) -> None:
    path.write_text(f"---\n{front(meta)}---\n{body}", encoding="utf-8")


# --------------------------------------------------------------------------- MkDocs writer


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: list[str], rows: list[list]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _mermaid_text(text: str) -> str:
    return re.sub(r"[\"#:;<>]", " ", text)


def journey_diagram(pb: Playbook, j: Journey, names: dict[str, str]) -> str:
    lines = ["journey", f"    title {_mermaid_text(j.title)}"]
    for sid, sname in pb.stages_of(j):
        tps = [tp for tp in j.touchpoints if tp.stage == sid]
        if tps:
            lines.append(f"    section {_mermaid_text(sname)}")
            for tp in tps:
                who = names[tp.persona or j.personas[0]]
                lines.append(f"      {_mermaid_text(tp.name)}: {tp.emotion}: {who}")
    return "\n".join(lines)


def flow_diagram(j: Journey) -> str:
    lines = ["flowchart LR"]
    ids = {tp.id: f"t{k}" for k, tp in enumerate(j.touchpoints)}
    for k, tp in enumerate(j.touchpoints):
        lines.append(f'    {ids[tp.id]}["{_mermaid_text(tp.name)}"]')
    for k, tp in enumerate(j.touchpoints):
        targets = tp.next or ([j.touchpoints[k + 1].id] if k + 1 < len(j.touchpoints) else [])
        for t in targets:
            lines.append(f"    {ids[tp.id]} --> {ids[t]}")
    for tp in j.touchpoints:
        lines.append(f'    click {ids[tp.id]} href "{j.id}/{tp.id}.html"')
    return "\n".join(lines)


def twin_pages(pb: Playbook):
    """The twins' pages, in nav order: ``(path under docs/, title, Markdown)``.

    One per journey, touchpoint, persona and free page, plus the home page
    (``index.md``); links are relative links to ``.md`` files, as MkDocs wants them.
    """
    channels, teams = dict(CHANNELS), dict(TEAMS)
    names = {p.id: p.name for p in pb.personas}

    def persona_link(pid: str, up: str) -> str:
        return f"[{names[pid]}]({up}personas/{pid}.md)"

    # home
    home = [f"# {pb.title}", "", pb.description, "", "## Journeys", ""]
    home += [f"- [{j.title}](journeys/{j.id}.md) — {j.status}" for j in pb.journeys]
    home += ["", "## Personas", ""] + [f"- [{p.name}](personas/{p.id}.md) — {p.role}"
                                       for p in pb.personas]
    home += ["", "## Pages", ""] + [f"- [{p.title}](pages/{p.id}.md)" for p in pb.pages]
    yield "index.md", pb.title, "\n".join(home) + "\n"

    for j in pb.journeys:
        stage_names = dict(pb.stages_of(j))
        narratives = dict(j.story.stages)
        md = [f"# {j.title}", "", j.summary, "",
              f"**Type:** {j.type} · **Status:** {j.status} · **Owner:** {teams[j.owner]}", "",
              f"**Goal:** {j.goal['metric']} → {j.goal['target']}", "",
              "**Personas:** " + ", ".join(
                  persona_link(pid, "../") + (" (main)" if k == 0 else "")
                  for k, pid in enumerate(j.personas)), ""]
        if j.future_of:
            md += [f"**Future state of:** [{j.future_of}]({j.future_of}.md)", ""]
        raci_teams = list(dict.fromkeys(t for role in j.raci.values() for t in role))
        md += ["## Responsibilities (RACI)", "", _table(
            ["Team", "Responsible", "Accountable", "Consulted", "Informed"],
            [[teams[t]] + [role[0].upper() if t in j.raci[role] else "" for role in
                           ("responsible", "accountable", "consulted", "informed")]
             for t in raci_teams]), ""]
        md += ["## Planning pillars", "", _table(["Pillar", "Plan"],
                                                 [[k.title(), v] for k, v in j.pillars.items()]), ""]
        md += [j.story.intro, ""]
        for sid, sname in pb.stages_of(j):
            md += [f"## {sname}", "", narratives.get(sname, ""), ""]
            rows = []
            for tp in j.touchpoints:
                if tp.stage != sid:
                    continue
                rows.append([f"[{tp.name}]({j.id}/{tp.id}.md)", channels[tp.channel], tp.timing,
                             tp.does, tp.thinks, tp.feels, f"{tp.emotion}/5", tp.expectation,
                             tp.reality, "; ".join(tp.pain_points),
                             "; ".join(o.title for o in tp.opportunities)])
            md += [_table(["Touchpoint", "Channel", "Timing", "Does", "Thinks", "Feels",
                           "Emotion", "Expectation", "Reality", "Pain points", "Opportunities"],
                          rows), ""]
        md += ["## Journey diagram", "", "```mermaid", journey_diagram(pb, j, names), "```", "",
               "## Flow", "", "```mermaid", flow_diagram(j), "```", ""]
        for heading, text in j.story.others:
            md += [f"## {heading}", "", text, ""]
        md += ["## Pain points", ""] + [f"- {p} ([{tp.name}]({j.id}/{tp.id}.md))"
                                        for tp in j.touchpoints for p in tp.pain_points] + [""]
        opps = sorted(((o, tp) for tp in j.touchpoints for o in tp.opportunities),
                      key=lambda pair: -pair[0].impact / pair[0].effort)
        md += ["## Opportunities", "", _table(
            ["Opportunity", "Touchpoint", "Effort", "Impact", "Priority", "Status"],
            [[o.title, f"[{tp.name}]({j.id}/{tp.id}.md)", o.effort, o.impact,
              f"{o.impact / o.effort:.1f}", o.status] for o, tp in opps]), ""]
        yield f"journeys/{j.id}.md", j.title, "\n".join(md)

        for k, tp in enumerate(j.touchpoints):
            who = tp.persona or j.personas[0]
            targets = tp.next or ([j.touchpoints[k + 1].id] if k + 1 < len(j.touchpoints) else [])
            by_id = {t.id: t for t in j.touchpoints}
            md = [f"# {tp.name}", "",
                  f"Part of [{j.title}](../{j.id}.md#{slugify(stage_names[tp.stage])}) · "
                  f"stage {stage_names[tp.stage]} · step {k + 1} / {len(j.touchpoints)}", "",
                  _table(["", ""], [
                      ["Channel", channels[tp.channel]], ["Timing", tp.timing],
                      ["Persona", persona_link(who, "../../")], ["Owner", teams[tp.owner]],
                      ["Does", tp.does], ["Thinks", tp.thinks], ["Feels", tp.feels],
                      ["Emotion", f"{tp.emotion}/5"], ["Expectation", tp.expectation],
                      ["Reality", tp.reality]]), "",
                  "## Pain points", ""] + [f"- {p}" for p in tp.pain_points] + [""]
            if tp.opportunities:
                md += ["## Opportunities", "", _table(
                    ["Opportunity", "Effort", "Impact", "Priority", "Status"],
                    [[o.title, o.effort, o.impact, f"{o.impact / o.effort:.1f}", o.status]
                     for o in tp.opportunities]), ""]
            md += ["## Backstage", "", f"**Systems:** {', '.join(tp.systems)}", "",
                   f"**Data:** {', '.join(tp.data)}", "",
                   "## Next", ""] + [f"- [{by_id[t].name}]({t}.md)" for t in targets] + [""]
            md += ["## Content inventory", "", _table(
                ["Content", "Type", "Status", "Owner", "Language", "Link", "Last reviewed"],
                [[c.title, c.type, c.status, teams[c.owner], c.language, f"[open]({c.link})",
                  c.last_reviewed.isoformat() if c.last_reviewed else ""]
                 for c in tp.content]), ""]
            nav = []
            if k > 0:
                prev = j.touchpoints[k - 1]
                nav.append(f"← [{prev.name}]({prev.id}.md)")
            if k + 1 < len(j.touchpoints):
                nxt = j.touchpoints[k + 1]
                nav.append(f"[{nxt.name}]({nxt.id}.md) →")
            md += [" · ".join(nav), ""]
            yield f"journeys/{j.id}/{tp.id}.md", tp.name, "\n".join(md)

    for p in pb.personas:
        md = [f"# {p.name}", "", f"*{p.role}* · {p.segment}", "", f"> {p.quote}", ""]
        for key, title in (("goals", "Goals"), ("needs", "Needs"), ("pain_points", "Pain points"),
                           ("motivations", "Motivations")):
            md += [f"## {title}", ""] + [f"- {x}" for x in getattr(p, key)] + [""]
        md += ["**Channels:** " + ", ".join(channels[c] for c in p.channels), "", p.body, "",
               "## Journeys", ""]
        for j in pb.journeys:
            steps = [tp for tp in j.touchpoints if (tp.persona or j.personas[0]) == p.id]
            if p.id not in j.personas and not steps:
                continue
            main = " (main actor)" if j.personas[0] == p.id else ""
            md += [f"### [{j.title}](../journeys/{j.id}.md){main}", "",
                   f"{j.status} · {j.type}", ""]
            if steps:
                md += [_table(["Touchpoint", "Stage", "Channel", "Emotion"],
                              [[f"[{tp.name}](../journeys/{j.id}/{tp.id}.md)",
                                stage_names_of(pb, j)[tp.stage], channels[tp.channel],
                                f"{tp.emotion}/5"] for tp in steps]), ""]
        yield f"personas/{p.id}.md", p.name, "\n".join(md)

    for page in pb.pages:
        yield f"pages/{page.id}.md", page.title, f"# {page.title}\n\n{page.body}"


def write_mkdocs(pb: Playbook, out: Path, nav_mode: str = "full") -> int:
    """Write the MkDocs twin of ``pb`` into ``out``; return the number of Markdown pages."""
    docs = out / "docs"
    pages = 0
    for path, _title, text in twin_pages(pb):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
        pages += 1
    if nav_mode == "full":
        journeys_nav = [{j.title: [{"Overview": f"journeys/{j.id}.md"}]
                         + [{f"{k + 1}. {tp.name}": f"journeys/{j.id}/{tp.id}.md"}
                            for k, tp in enumerate(j.touchpoints)]} for j in pb.journeys]
    else:
        journeys_nav = [{j.title: f"journeys/{j.id}.md"} for j in pb.journeys]
    config = {
        "site_name": pb.title,
        "site_description": pb.description,
        "site_url": "https://playbooks.example.com/",
        "theme": {"name": "mkdocs"},
        "use_directory_urls": False,  # plain .html pages, as journeydocs writes them
        "markdown_extensions": ["tables"],
        "nav": [{"Home": "index.md"}, {"Journeys": journeys_nav},
                {"Personas": [{p.name: f"personas/{p.id}.md"} for p in pb.personas]},
                {"Pages": [{p.title: f"pages/{p.id}.md"} for p in pb.pages]}],
    }
    (out / "mkdocs.yml").write_text(front(config), encoding="utf-8")
    return pages


HUGO_CONFIG = """\
baseURL = "https://playbooks.example.com/"
title = {title}
languageCode = "en"
uglyURLs = true
relativeURLs = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
</head>
<body>
<nav>{{ partialCached "nav.html" . }}</nav>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
""",
    "home.html": """{{ define "main" }}{{ .Content }}{{ end }}
""",
    "single.html": """{{ define "main" }}{{ .Content }}{{ end }}
""",
    "list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    "_partials/nav.html": """\
<ul>
<li><a href="{{ site.Home.RelPermalink }}">Home</a></li>
{{ range slice "journeys" "personas" "pages" }}{{ with site.GetPage . }}\
<li>{{ .Title }}<ul>
{{ range .RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul></li>
{{ end }}{{ end }}</ul>
""",
}
"""A minimal hand-written Hugo layout: one base with a nav list (Home, then every
journey, persona and free page, as journeydocs' sidebar lists them), rendered once
per site (``partialCached``) and made relative by Hugo per page."""

_MD_LINK = re.compile(r"\]\(([^)\s]+?)\.md(#[^)\s]*)?\)")


def write_hugo(pb: Playbook, out: Path) -> int:
    """Write the Hugo twin of ``pb`` into ``out``; return the number of Markdown pages.

    The same pages and text as the MkDocs twin (:func:`twin_pages`), with front
    matter (title, weight: the nav's order) and links to the ``.html`` files Hugo
    writes with ``uglyURLs``; touchpoints are leaf pages inside their journey's
    folder, as in journeydocs' site.
    """
    content = out / "content"
    pages = 0
    sections = {"journeys": "Journeys", "personas": "Personas", "pages": "Pages"}
    for name, title in sections.items():
        (content / name).mkdir(parents=True, exist_ok=True)
        (content / name / "_index.md").write_text(f"---\n{front({'title': title})}---\n",
                                                   encoding="utf-8")
    for weight, (path, title, text) in enumerate(twin_pages(pb)):
        target = content / ("_index.md" if path == "index.md" else path)
        target.parent.mkdir(parents=True, exist_ok=True)
        meta = {"title": title, "weight": weight}
        if path.count("/") == 2:  # a touchpoint: not in the nav, as in journeydocs' sidebar
            meta["build"] = {"list": "never"}
        body = _MD_LINK.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", text)
        target.write_text(f"---\n{front(meta)}---\n{body}", encoding="utf-8")
        pages += 1
    (out / "hugo.toml").write_text(HUGO_CONFIG.format(title=_toml_string(pb.title)),
                                   encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (out / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (out / "layouts" / name).write_text(text, encoding="utf-8")
    return pages


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stage_names_of(pb: Playbook, j: Journey) -> dict[str, str]:
    return dict(pb.stages_of(j))


# --------------------------------------------------------------------------- entry points


def generate(n: int, out: Path, seed: int = 1, mkdocs: bool = False, nav: str = "full",
             hugo: bool = False) -> Path:
    """Write the playbook (or its MkDocs or Hugo twin) of size ``n`` into ``out`` (emptied
    first)."""
    if mkdocs and hugo:
        raise ValueError("--mkdocs and --hugo each write a whole project: choose one")
    if n < 1:
        raise ValueError("N must be at least 1")
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    pb = Gen(seed).playbook(n)
    if mkdocs:
        write_mkdocs(pb, out, nav)
    elif hugo:
        write_hugo(pb, out)
    else:
        write_journeydocs(pb, out)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of journeys (12 touchpoints each)")
    ap.add_argument("out_dir", type=Path, help="folder to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--mkdocs", action="store_true",
                    help="write the equivalent hand-written MkDocs project instead")
    ap.add_argument("--nav", choices=("full", "sidebar"), default="full",
                    help="MkDocs nav: every page (full) or journeydocs' sidebar (sidebar)")
    ap.add_argument("--hugo", action="store_true",
                    help="write the equivalent hand-written Hugo site instead")
    args = ap.parse_args(argv)
    try:
        out = generate(args.n, args.out_dir, args.seed, args.mkdocs, args.nav, args.hugo)
    except ValueError as exc:
        ap.error(str(exc))
    kind = "MkDocs project" if args.mkdocs else "Hugo site" if args.hugo else "playbook"
    print(f"wrote a {kind} of {args.n} journeys, {max(3, args.n // 4)} personas, "
          f"{args.n * TOUCHPOINTS_PER_JOURNEY} touchpoints into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
