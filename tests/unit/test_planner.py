"""The model planner with a scripted backend: only valid plans run, repair happens once,
the grammar covers plugin actions, retrieval finds the relevant example."""

from __future__ import annotations

import json
import sys
import types

import pytest

from nlsh.actions.context import ActionContext, ActionResult
from nlsh.actions.registry import action
from nlsh.app import open_session
from nlsh.confirm import AlwaysYes
from nlsh.errors import NotUnderstood
from nlsh.intent import grammar as gbnf
from nlsh.intent.planner import ModelPlanner, dump_plan, parse_plan, plan_schema
from nlsh.intent.retrieval import BM25, tokens
from nlsh.llm.fake import ScriptedBackend
from nlsh.plugins import Example, hookimpl, load_catalog
from nlsh.types import ActionCall, ExitStatus, Risk


@action("weather.today", capabilities=("net",), risk=Risk.R3)
def _weather(ctx: ActionContext, city: str, unit: str = "C") -> ActionResult:
    """Tell today's weather.

    Args:
        city: the city.
        unit: C or F.
    """
    return ActionResult(output=f"sunny in {city}")


def _weather_plugin() -> types.ModuleType:
    module = types.ModuleType("nlsh_weather_test")

    @hookimpl
    def nlsh_register_actions(register):
        register(_weather)

    @hookimpl
    def nlsh_register_examples(register):
        register("what is the weather in Paris", [ActionCall("weather.today", {"city": "Paris"})])

    module.nlsh_register_actions = nlsh_register_actions
    module.nlsh_register_examples = nlsh_register_examples
    return module


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(entry_points=False, extra=[("weather", _weather_plugin())])


def reply(*steps) -> str:
    return json.dumps({"steps": [{"action": a, "args": args} for a, args in steps]})


def snapshot(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def session(env, catalog, replies):
    backend = ScriptedBackend(replies)
    planner = ModelPlanner(backend, catalog.actions, catalog.examples)
    return open_session(env, confirmer=AlwaysYes(), catalog=catalog, planner=planner), backend


# -- validation -------------------------------------------------------------------------------


def test_a_valid_plan_is_accepted_and_runs(env, catalog, workspace):
    (workspace / "a.txt").write_text("one\n")
    s, backend = session(env, catalog, [reply(("files.copy", {"sources": ["a.txt"], "destination": "b.txt"}))])
    turn = s.handle("make a duplicate of a called b")
    assert turn.status == ExitStatus.OK, turn.message
    assert turn.plan.source == "model"
    assert (workspace / "b.txt").read_text() == "one\n"
    assert len(backend.prompts) == 1


@pytest.mark.parametrize("bad, why", [
    ('{"steps": [{"action": "files.delete", "args": {"paths": ["a.txt"]}', "not valid JSON"),
    ("delete a.txt", "not valid JSON"),
    (reply(("files.shred", {"paths": ["a.txt"]})), "unknown action"),
    (reply(("files.delete", {"paths": ["a.txt"], "force": True})), "invalid"),
    (reply(("files.delete", {})), "invalid"),
    (reply(("files.head", {"path": "a.txt", "lines": "many"})), "invalid"),
    ('{"steps": []}', "no steps"),
    ("[1, 2]", "no steps"),
])
def test_an_invalid_reply_runs_nothing(env, catalog, workspace, bad, why):
    (workspace / "a.txt").write_text("keep me\n")
    (workspace / "sub").mkdir()
    (workspace / "sub" / "b.txt").write_bytes(b"\x00\xff binary")
    before = snapshot(workspace)
    s, _ = session(env, catalog, [bad])
    turn = s.handle("get rid of the a file")
    assert turn.status == ExitStatus.NOT_UNDERSTOOD
    assert why in turn.message and "nothing ran" in turn.message
    assert not turn.outcomes
    assert snapshot(workspace) == before


def test_parse_plan_rejects_too_many_steps(catalog):
    many = reply(*[("files.pwd", {})] * 9)
    with pytest.raises(NotUnderstood, match="steps"):
        parse_plan(many, catalog.actions)


def test_parse_plan_accepts_a_plugin_action(catalog):
    (call,) = parse_plan(reply(("weather.today", {"city": "Oslo"})), catalog.actions)
    assert call == ActionCall("weather.today", {"city": "Oslo"})


# -- repair -----------------------------------------------------------------------------------


def test_a_grounding_error_is_repaired_once(env, catalog, workspace):
    (workspace / "notes.txt").write_text("hello\n")
    s, backend = session(env, catalog, [
        reply(("files.read", {"path": "nonexistent-zzz.txt"})),
        reply(("files.read", {"path": "notes.txt"})),
    ])
    turn = s.handle("show my notes")
    assert turn.status == ExitStatus.OK, turn.message
    assert turn.output.strip() == "hello"
    assert len(backend.prompts) == 2
    last = backend.prompts[1][-1]["content"]
    assert "failed" in last and "nonexistent-zzz.txt" in last
    assert any(m["role"] == "assistant" and "nonexistent-zzz.txt" in m["content"] for m in backend.prompts[1])


def test_a_failed_repair_is_not_retried(env, catalog, workspace):
    before = snapshot(workspace)
    s, backend = session(env, catalog, [
        reply(("files.delete", {"paths": ["missing-one-zzz"]})),
        reply(("files.delete", {"paths": ["missing-two-zzz"]})),
        reply(("files.delete", {"paths": ["missing-three-zzz"]})),
    ])
    turn = s.handle("delete the thing")
    assert turn.status != ExitStatus.OK
    assert len(backend.prompts) == 2
    assert snapshot(workspace) == before


# -- prompt, retrieval, grammar ------------------------------------------------------------------


def test_the_static_instructions_come_first(catalog):
    planner = ModelPlanner(ScriptedBackend([]), catalog.actions, catalog.examples)
    shots, offered, *_ = planner.choice("copy a.txt to b.txt")
    one = planner.messages("copy a.txt to b.txt", shots, offered)
    two = planner.messages("what is the weather in Rome", *planner.choice("what is the weather in Rome")[:2])
    assert one[0] == two[0] and one[0]["role"] == "system"
    assert one[-1] == {"role": "user", "content": "copy a.txt to b.txt"}


def test_control_characters_do_not_reach_the_prompt(catalog):
    planner = ModelPlanner(ScriptedBackend([]), catalog.actions, catalog.examples)
    turns = planner.messages("list\x1b[31m files\x00", [], [])
    assert "\x1b" not in turns[-1]["content"] and "\x00" not in turns[-1]["content"]


def test_retrieval_ranks_the_relevant_example_first():
    docs = [
        ("show the first lines of a file", "head"),
        ("delete the build folder", "delete"),
        ("what is the weather in Paris", "weather"),
        ("count the words in essay.txt", "count"),
    ]
    index = BM25(docs)
    assert index.top("how many words are in report.txt", 1) == ["count"]
    assert index.top("remove the folders named build", 1) == ["delete"]
    assert index.top("weather in Oslo today?", 2)[0] == "weather"
    assert tokens("Copying the LOGS") == ["copy", "log"]


def test_retrieval_with_no_shared_word_scores_zero():
    index = BM25([("alpha beta", 1), ("gamma delta", 2)])
    assert index.scores("zeta") == [0.0, 0.0]
    assert BM25([]).top("anything", 3) == []


def test_the_vote_picks_the_plugin_action_and_its_examples(catalog):
    planner = ModelPlanner(ScriptedBackend([]), catalog.actions, catalog.examples)
    shots, offered, grammar, prefill = planner.choice("what's the weather like in Berlin")
    assert prefill == ""  # the scripted backend cannot continue a given start
    assert [s.name for s in offered] == ["weather.today"]
    assert shots[0].request == "what is the weather in Paris"
    assert 'weather.today' in grammar and "files.copy" not in grammar


def test_several_steps_only_when_the_request_joins_requests(catalog):
    planner = ModelPlanner(ScriptedBackend([]), catalog.actions, catalog.examples, choose="model")
    assert '("," step)' not in planner.choice("copy a.txt to b.txt")[2]
    assert '("," step)' in planner.choice("copy a.txt to b.txt and then show b.txt")[2]


def test_the_grammar_covers_every_action_including_plugins(catalog):
    grammar = gbnf.plan_grammar(catalog.actions)
    for spec in catalog.actions:
        assert json.dumps(spec.name) in grammar.replace('\\"', '"')
    assert "weather.today" in grammar
    assert '"C"' not in grammar  # unit is a plain string, not an enum


def test_path_arguments_are_limited_to_the_request_words():
    assert gbnf.request_spans('copy "my notes.txt" into backup') == ["my notes.txt", "notes.txt", "backup"]
    assert gbnf.request_spans("list all files") == []
    assert "./src" in gbnf.request_spans("count the lines in ./src")


def test_plan_schema_lists_every_action(catalog):
    schema = plan_schema(catalog.actions)
    variants = schema["properties"]["steps"]["items"]["anyOf"]
    names = {v["properties"]["action"]["const"] for v in variants}
    assert names == {spec.name for spec in catalog.actions}
    assert "x-path" not in json.dumps(schema)


def test_dump_plan_is_what_the_grammar_produces():
    text = dump_plan([ActionCall("files.read", {"path": "a b.txt"})])
    assert text == '{"steps":[{"action":"files.read","args":{"path":"a b.txt"}}]}'


def _small_model():
    from nlsh.config import Paths
    from nlsh.llm.select import _smollm2, default_model_path

    return _smollm2(None) or default_model_path(Paths.from_environ({}, __import__("pathlib").Path.home()))


@pytest.mark.skipif("llama_cpp" not in sys.modules and not __import__("importlib").util.find_spec("llama_cpp"),
                    reason="llama-cpp-python is not installed")
def test_llama_cpp_parses_every_grammar(catalog):
    import llama_cpp

    from nlsh.llm._constrained import GrammarError, compile_grammar, free_grammar

    assert llama_cpp.LlamaGrammar.from_string(gbnf.plan_grammar(catalog.actions), verbose=False)
    path = _small_model()
    if path is None:
        pytest.skip("no default model installed to take a vocabulary from")
    llm = llama_cpp.Llama(model_path=str(path), n_ctx=256, vocab_only=True, verbose=False)
    spans = gbnf.request_spans('copy "a b.txt" and notes.md into ./out 5 times')
    grammars = [
        gbnf.plan_grammar(catalog.actions),
        gbnf.plan_grammar(catalog.actions, spans=spans, max_steps=1),
        gbnf.plan_grammar(catalog.actions, spans=[]),
        gbnf.name_grammar(catalog.actions),
        *(gbnf.action_grammar(spec) for spec in catalog.actions),
        gbnf.sequence_grammar([catalog.actions.get("files.mkdir"), catalog.actions.get("files.copy")], spans=spans),
    ]
    for text in grammars:
        free_grammar(compile_grammar(llm, text))
    with pytest.raises(GrammarError):
        compile_grammar(llm, 'root ::= "unterminated')


# -- trace ------------------------------------------------------------------------------------


def test_every_model_plan_leaves_a_bounded_trace(catalog, tmp_path):
    from nlsh.intent.trace import TraceLog, format_trace

    log = TraceLog(tmp_path / "trace.jsonl", keep=3)
    good = reply(("files.pwd", {}))
    planner = ModelPlanner(ScriptedBackend([good, "nonsense"] + [good] * 40), catalog.actions, catalog.examples,
                           on_trace=log.append)
    planner.plan("where am I right now")
    with pytest.raises(NotUnderstood):
        planner.plan("where am I right now")
    first, second = log.read()
    assert first["reply"] == good and first["examples"] and "error" not in first
    assert "not valid JSON" in second["error"]
    assert log.get(second["id"][:4]) == second and log.get() == second
    shown = format_trace(second)
    assert "where am I right now" in shown and "nonsense" in shown and "not valid JSON" in shown
    for _ in range(40):
        planner.plan("where am I " + "x" * 300)
    assert len(log.read()) < 20 and log.path.stat().st_size <= 3 * 4096 + 4096
    assert log.get("zzzz") is None and TraceLog(tmp_path / "none.jsonl").read() == []


@pytest.mark.parametrize("text", ["zq frobnicate the wibble", "qué hora es ahora", "今日は何曜日ですか"])
def test_a_request_sharing_no_word_with_any_example_is_not_understood(catalog, text):
    backend = ScriptedBackend([])
    planner = ModelPlanner(backend, catalog.actions, catalog.examples)
    with pytest.raises(NotUnderstood, match="shares no word"):
        planner.plan(text)
    assert backend.prompts == []  # the model was not even asked


def test_numbers_come_from_the_request(catalog):
    head = catalog.actions.get("files.head")
    without = gbnf.sequence_grammar([head], spans=gbnf.request_spans("show the top of a.txt"))
    assert '"lines"' not in without.replace('\\"', '"')
    with_words = gbnf.sequence_grammar([head], spans=gbnf.request_spans("show the first three lines of a.txt"))
    assert 'count ::= "3"' in with_words and '"lines"' in with_words.replace('\\"', '"')
    info = gbnf.sequence_grammar([catalog.actions.get("proc.info")], spans=[])  # a required number stays
    assert '"pid"' in info.replace('\\"', '"')


def test_a_destructive_action_needs_its_verb(catalog):
    planner = ModelPlanner(ScriptedBackend([]), catalog.actions, catalog.examples)
    assert "delete" in planner._verbs["files.delete"] and "fil" not in planner._verbs["files.delete"]
    voted = {shape for shape, _ in planner.votes("which files are in the build folder")}
    assert ("files.delete",) not in voted
    assert planner.votes("delete the build folder")[0][0] == ("files.delete",)
    assert planner._verbs["weather.today"] >= {"today", "what"}  # R3: its examples' first word counts


def test_lists_in_the_grammar_are_bounded(catalog):
    grammar = gbnf.plan_grammar(catalog.actions, spans=["a.txt"])
    assert f'("," str){{0,{gbnf.MAX_ITEMS - 1}}}' in grammar
    assert f'("," path){{0,{gbnf.MAX_PATHS - 1}}}' in grammar


def test_a_looping_reply_loses_its_repeated_paths(catalog):
    looped = reply(("files.delete", {"paths": ["a.txt", "a.txt", "b.txt", "a.txt"]}))
    (call,) = parse_plan(looped, catalog.actions)
    assert call.args["paths"] == ["a.txt", "b.txt"]


def test_a_change_the_model_planned_is_asked_about_even_where_policy_would_run_it(env, catalog, workspace):
    from nlsh.confirm import MODEL_CHANGE, AlwaysNo

    (workspace / "a.txt").write_text("one\n")
    copy = reply(("files.copy", {"sources": ["a.txt"], "destination": "b.txt"}))
    planner = ModelPlanner(ScriptedBackend([copy]), catalog.actions, catalog.examples)
    turn = open_session(env, confirmer=AlwaysNo(), catalog=catalog, planner=planner).handle("make a duplicate of a called b")
    assert turn.status == ExitStatus.DECLINED and not (workspace / "b.txt").exists()
    assert [d.rule for d in turn.decisions] == [MODEL_CHANGE]
    read = reply(("files.read", {"path": "a.txt"}))  # reading is not a change: it still just runs
    planner = ModelPlanner(ScriptedBackend([read]), catalog.actions, catalog.examples)
    turn = open_session(env, confirmer=AlwaysNo(), catalog=catalog, planner=planner).handle("what does a say")
    assert turn.status == ExitStatus.OK and turn.output == "one"
