"""The question engine: a question typed in Finnish (or English) -> what was understood, SQL, result rows.

No language model and no Streamlit (so `kuntatalous ask` starts fast): the vocabulary of service areas, committees
and lines comes from the warehouse's dimension tables (`vocabulary`), a question is read against it (`parse`),
answered with one SQL over the report tables (`answer`) and shown with the reading it used (`output`).
"""

from app.query.ask.answer import Answer, answer
from app.query.ask.output import command, reading, to_json, understood_items, year_periods
from app.query.ask.parse import Understanding, parse
from app.query.ask.vocabulary import MEASURE_FI, MEASURES, Runner, Term, Vocabulary, load_vocabulary

__all__ = [
    "MEASURES", "MEASURE_FI", "Answer", "Runner", "Term", "Understanding", "Vocabulary", "answer", "command",
    "load_vocabulary", "parse", "reading", "to_json", "understood_items", "year_periods",
]
