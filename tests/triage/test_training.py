"""Training, versioning and retraining with guide corrections."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from doorstep.triage import NEED_CODES, training
from doorstep.triage.model import Model
from doorstep.triage.training import Example

TEMPLATES = {
    "emergency": [
        "I have no food at all today {n}",
        "he is hitting me right now {n}",
        "my mum collapsed and is not breathing {n}",
    ],
    "urgent": [
        "my food will run out by friday {n}",
        "my electric runs out tomorrow {n}",
        "I need my prescription collected tomorrow {n}",
    ],
    "routine": [
        "could someone ring me for a chat now and then {n}",
        "is there a knit and natter group {n}",
        "help with my CV please {n}",
    ],
}
NEEDS = {"emergency": ("food",), "urgent": ("money",), "routine": ("befriending",)}


def tiny_examples(count: int = 6) -> list[Example]:
    examples = []
    for urgency, texts in TEMPLATES.items():
        for n in range(count):
            text = texts[n % len(texts)].format(n=n)
            examples.append(
                Example(
                    id=f"{urgency}-{n}",
                    text=text,
                    needs=NEEDS[urgency],
                    urgency=urgency,
                    channel="sms",
                )
            )
    return examples


@pytest.fixture(scope="module")
def tiny_model() -> Model:
    return training.train(tiny_examples(), training.TrainConfig(folds=3))


def test_it_refuses_to_train_on_test_split_examples() -> None:
    examples = tiny_examples()
    examples[0] = Example(**{**examples[0].__dict__, "split": "test"})
    with pytest.raises(ValueError, match="Test-split"):
        training.train(examples)


def test_it_versions_a_model_by_date_and_data_hash(tiny_model: Model) -> None:
    assert re.fullmatch(r"\d{8}-[0-9a-f]{8}", tiny_model.version)
    version = training.data_version(tiny_examples(), config=training.TrainConfig(folds=3))
    assert version.split("-")[1] == tiny_model.version.split("-")[1]
    assert training.data_version(tiny_examples()[1:]) != version


def test_it_saves_and_loads_a_model_that_predicts_the_same(
    tiny_model: Model, tmp_path: Path
) -> None:
    path = training.save(tiny_model, tmp_path / "triage-test.joblib")
    loaded = training.load(path)
    reading = training.read_all([Example(id="x", text="no food today please")])[0]
    a, b = tiny_model.predict(reading.analysed), loaded.predict(reading.analysed)
    assert loaded.version == tiny_model.version
    assert a.urgency == pytest.approx(b.urgency, abs=1e-3)
    assert a.needs == pytest.approx(b.needs, abs=1e-3)


def test_it_publishes_a_model_and_names_it_in_current_txt(
    tiny_model: Model, tmp_path: Path
) -> None:
    path = training.publish(tiny_model, tmp_path)
    assert path.name == f"triage-{tiny_model.version}.joblib"
    assert (tmp_path / "current.txt").read_text().strip() == path.name


def test_it_turns_guide_corrections_into_training_examples() -> None:
    rows: list[dict[str, object]] = [
        {
            "text": "I need a lift to the hospital on Tuesday",
            "channel": "sms",
            "language": "en",
            "needs": ["transport", "not-a-need"],
            "urgency": "routine",
            "safeguarding": False,
            "is_offer": False,
            "is_spam": False,
        },
        {"text": "   ", "needs": ["food"], "urgency": "urgent"},
    ]
    examples = training.examples_from_corrections(rows, excluded_texts=frozenset())
    assert len(examples) == 1
    assert examples[0].needs == ("transport",)
    assert examples[0].split == "train"
    assert examples[0].id.startswith("correction-")
    assert examples[0].source == "correction"


def test_it_reads_where_a_message_came_from_and_weighs_it_so() -> None:
    rows = [{"text": "a", "source": "bulk"}, {"text": "b"}, {"text": "c", "source": "rumour"}]
    examples = [training.example_from_dict(row) for row in rows]
    assert [e.source for e in examples] == ["bulk", "core", "core"]
    examples.append(Example(id="d", text="d", source="correction"))
    weights = training.sample_weights(examples, training.TrainConfig())
    assert weights.tolist() == [1.0, 3.0, 3.0, 3.0]


def test_weighing_core_messages_more_pulls_the_model_towards_their_labels() -> None:
    text = "could someone help me with my gas bill please"
    core = [Example(id=f"c{n}", text=text, needs=("money",)) for n in range(2)]
    bulk = [Example(id=f"b{n}", text=text, needs=("housing",), source="bulk") for n in range(3)]
    others = [replace(e, source="bulk") for e in tiny_examples()]
    examples = others + core + bulk
    reading = training.read_all([Example(id="x", text=text)])[0]

    def needs(config: training.TrainConfig) -> dict[str, float]:
        analysed = [r.analysed for r in training.read_all(examples)]
        model = training._model("t", training.fit_heads(examples, analysed, config))
        return model.predict(reading.analysed).needs

    weighted = needs(training.TrainConfig())
    equal = needs(training.TrainConfig(source_weights=(("core", 1.0), ("bulk", 1.0))))
    assert weighted["money"] > equal["money"]
    assert weighted["housing"] < equal["housing"]


def test_it_never_lets_a_test_split_message_in_as_a_correction(tmp_path: Path) -> None:
    secret = {
        "id": "t-1",
        "text": "A Test  Message about food",
        "needs": ["food"],
        "urgency": "urgent",
        "split": "test",
    }
    (tmp_path / "messages_en.jsonl").write_text(json.dumps(secret) + "\n", encoding="utf-8")
    excluded = training.test_texts(tmp_path)
    rows = [{"text": "a test message about FOOD", "needs": ["food"], "urgency": "urgent"}]
    assert training.examples_from_corrections(rows, excluded_texts=excluded) == []


def test_it_loads_the_labelled_data_set() -> None:
    examples = training.load_examples(training.default_data_paths())
    splits = {e.split for e in examples}
    assert splits == {"train", "test"}
    assert sum(e.split == "test" for e in examples) >= 250
    assert len(examples) >= 800


@pytest.mark.parametrize("name", ["test_first", "test_second", "train_first", "train_second"])
def test_each_annotation_has_valid_codes_for_messages_of_its_split(name: str) -> None:
    split = name.split("_")[0]
    examples = training.load_examples(training.default_data_paths())
    rows = training.read_annotation(name)
    ids = [row["id"] for row in rows]
    in_split = {e.id for e in examples if e.split == split}
    assert len(ids) == len(set(ids)) and set(ids) <= in_split
    if split == "test":
        assert set(ids) == in_split
    for row in rows:
        assert row["needs"] and set(row["needs"]) <= set(NEED_CODES)
        assert "other" not in row["needs"] or row["needs"] == ["other"]


def test_training_reads_only_the_final_labels() -> None:
    assert all("agreement" not in path.parts for path in training.default_data_paths())


@pytest.mark.parametrize("name", ["safeguarding_first", "safeguarding_second"])
def test_each_safeguarding_annotation_is_a_flag_for_train_messages(name: str) -> None:
    train_ids = {
        e.id for e in training.load_examples(training.default_data_paths()) if e.split == "train"
    }
    rows = training.read_annotation(name)
    assert rows and {row["id"] for row in rows} <= train_ids
    assert all(isinstance(row["safeguarding"], bool) for row in rows)
