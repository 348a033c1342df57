"""The library API under the CLI and web app: load once, then search and answer many questions.

I/O lives here (index files, model loading); the steps it calls (triage, query understanding, ranking,
composition) are pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from oncoguide.answer.compose import compose_answer, related_questions
from oncoguide.answer.model import Answer, Notice, TrialSuggestion
from oncoguide.answer.personalize import personalize_query, profile_lead_in
from oncoguide.answer.prompts import next_steps, questions_to_ask
from oncoguide.answer.triage import CRISIS, Triage, assess_message
from oncoguide.corpus.model import Passage
from oncoguide.retrieval.embedder import Embedder, embedder_for
from oncoguide.retrieval.index import BuildReport, build_index, index_exists, load_index
from oncoguide.retrieval.search import Hit, Retriever
from oncoguide.settings import Settings
from oncoguide.wording import Wording, load_wording

if TYPE_CHECKING:
    from oncoguide.records.model import PatientProfile


class InputError(ValueError):
    """A question we cannot take (empty, binary, too long); the message is safe to show."""


def ensure_index(
    settings: Settings, embedder: Embedder, progress: Callable[[str, int, int], None] | None = None
) -> BuildReport | None:
    """Build the index on first use; later calls only check that it exists."""
    if index_exists(settings):
        return None
    return build_index(settings, embedder, progress)


class OncoGuide:
    """Answers questions from one index; the embedding model and index load once per instance."""

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        progress: Callable[[str, int, int], None] | None = None,
        trial_matcher: Any = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.embedder = embedder or embedder_for(self.settings)
        ensure_index(self.settings, self.embedder, progress)
        self.index = load_index(self.settings)
        self.retriever = Retriever(self.index, self.embedder)
        self.wording: Wording = load_wording()
        self._vocabulary = self.index.vocabulary()
        self._page_questions = {d: p.question_headings for d, p in self.index.pages.items()}
        self._position = {p.passage_id: i for i, p in enumerate(self.index.passages)}
        self._trials: Any = trial_matcher  # a TrialMatcher; loaded when a trial question first needs it

    def following(self, passage: Passage, n: int = 6) -> list[Passage]:
        """Up to n passages after this one on the same page, in page order."""
        i = self._position.get(passage.passage_id)
        if i is None:
            return []
        nxt = self.index.passages[i + 1 : i + 1 + n]
        return [p for p in nxt if p.doc == passage.doc]

    def triage(self, question: str) -> Triage:
        return assess_message(question, known_words=self._vocabulary, max_chars=self.settings.max_question_chars)

    def search(self, question: str, k: int = 10) -> list[Hit]:
        t = self.triage(question)
        if t.error:
            raise InputError(t.error.message)
        return self.retriever.search(question, k=k)

    def ask(
        self,
        question: object,
        profile: PatientProfile | None = None,
        history: Sequence[str] = (),
    ) -> Answer:
        """A structured, cited answer; raises InputError for input we cannot take."""
        t = assess_message(question, known_words=self._vocabulary, max_chars=self.settings.max_question_chars)  # type: ignore[arg-type]  # triage reports non-strings as errors
        if t.error:
            raise InputError(t.error.message)
        text = t.text or str(question).strip()
        w = self.wording
        notices = [Notice(kind=n.kind, text=n.text, options=list(n.options)) for n in t.notices]  # type: ignore[arg-type]
        base = Answer(question=text, disclaimer=w.disclaimer, notices=notices)
        if t.needs_clarification or t.off_topic:
            # Offer readings instead of guessing; related questions let the person pick one.
            base.related_questions = list(t.readings)
            return base
        if CRISIS in t.urgent_symptoms:
            # Someone in crisis gets the crisis line and nothing else: no search result fits that moment.
            return base

        search_text = personalize_query(text, profile)
        if t.urgent_symptoms:
            # "burning up, 39.5 on chemo": search for the symptom by its plain name so the cited
            # information after the urgent notice is about that symptom.
            search_text = f"{search_text} ({'; '.join(t.urgent_symptoms)})"
        info = self.retriever.understand(search_text)
        hits = self.retriever.search(search_text, k=30, info=info)
        if t.dose_request or t.medication_change_request:
            # Professional summaries discuss doses and schedules; a patient asking about their own
            # medicine gets patient pages only, beside the referral to the care team.
            hits = [h for h in hits if h.passage.audience == "patient"]
        if not hits or max(h.parts.get("dense", 0.0) for h in hits[:3]) < self.settings.min_relevance:
            hits = []  # nothing in the sources is close enough: say so rather than answer off-topic
        answer = compose_answer(
            text, info, hits, w, budget_words=self.settings.answer_words, following=self.following
        )
        answer.notices = notices
        if profile is not None and (lead := profile_lead_in(profile, w)):
            answer.notices.append(Notice(kind="personalized", text=lead))
        if not answer.summary and not answer.sections:
            answer.notices.append(Notice(kind="no_match", text=w.notices.no_match))
        answer.questions_to_ask = questions_to_ask(w, info.intents)
        answer.next_steps = next_steps(w, info.intents)
        answer.related_questions = related_questions(info, hits, self._page_questions, earlier=history)
        answer.disclaimer = w.disclaimer
        if profile is not None and "trials" in info.intents:
            answer.trials = self.suggest_trials(profile)
        return answer

    def suggest_trials(self, profile: PatientProfile, k: int = 5) -> list[TrialSuggestion]:
        """Top trial matches for a profile; the matcher (and its index) loads on first use."""
        from oncoguide.trials.matcher import TrialMatcher

        if self._trials is None:
            self._trials = TrialMatcher(self.settings, embedder=self.embedder)
        try:
            results = self._trials.match(profile, k=k)
        except ValueError:
            return []  # the profile names nothing to search trials with
        out = []
        for m in results.results:
            verdicts = [c.verdict for c in m.criteria]
            out.append(
                TrialSuggestion(
                    nct_id=m.nct_id, title=m.title, eligibility=m.eligibility,
                    url=f"https://clinicaltrials.gov/study/{m.nct_id}",
                    met=verdicts.count("met"), not_met=verdicts.count("not_met"), unknown=verdicts.count("unknown"),
                    ask_trial_team=[c.question for c in m.criteria if c.verdict == "unknown" and c.question][:3],
                )
            )
        return out
