#include "script/ScriptLoader.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "platform/Language.hpp"
#include "script/SafeNames.hpp"
#include "script/Suggest.hpp"
#include "script/TableReader.hpp"
#include "script/TomlFile.hpp"

namespace kindly {
namespace fs = std::filesystem;

bool looksLikeBuiltinName(std::string_view text) {
    return !text.empty() && text.find('/') == std::string_view::npos && text.find('\\') == std::string_view::npos &&
           text.find('.') == std::string_view::npos;
}

namespace {

constexpr double kMinDb = -96.0;
constexpr double kMaxDb = 24.0;
constexpr long long kMaxCycles = 10'000;
constexpr Nanos kMinIntervalBell = kNanosPerSecond;

bool validId(std::string_view id) {
    if (id.empty()) return false;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (!ok) return false;
    }
    return true;
}

class Loader {
public:
    Loader(const toml::table& root, const fs::path& file, Diagnostics& diagnostics)
        : root_(root), diagnostics_(diagnostics) {
        script_.file = file;
        script_.baseDir = file.parent_path();
    }

    Script run() {
        TableReader top(root_, tr("the script"), diagnostics_, scriptKeys(""));
        readVersion(top);
        readSession(top);
        readMix(top);
        readVoice(top);
        readSteps(top);
        readAmbients(top);
        checkIds();
        checkAmbientSpans();
        top.reportUnknownKeys();
        return std::move(script_);
    }

private:
    const toml::table& root_;
    Diagnostics& diagnostics_;
    Script script_;
    struct IdUse {
        std::string id;
        SourcePos pos;
        bool given;
    };
    std::vector<IdUse> ids_;
    std::vector<SourcePos> fromPos_, untilPos_;

    void readVersion(TableReader& top) {
        if (!top.has("kindly")) {
            diagnostics_.error({1, 1}, tr("missing 'kindly = 1' (the script format version) at the top of the script"));
            return;
        }
        const auto* version = top.node("kindly")->as_integer();
        if (!version) {
            top.wrongType("kindly", tr("the integer 1 (the script format version)"));
            return;
        }
        if (version->get() != 1) {
            top.error("kindly", format(tr("unsupported script format version %lld; this Kindly reads format 1 (kindly = 1)"),
                                       static_cast<long long>(version->get())));
        }
    }

    /// A sub-table of the root: nullptr (with a diagnostic) when it has the wrong type.
    const toml::table* subTable(TableReader& top, std::string_view key) {
        const toml::node* n = top.node(key);
        if (!n) return nullptr;
        if (const auto* t = n->as_table()) return t;
        top.wrongType(key, format(tr("a table ([%s])"), std::string(key).c_str()));
        return nullptr;
    }

    void readSession(TableReader& top) {
        Session& s = script_.session;
        s.voiceDir = script_.baseDir / script_.file.stem();
        if (!top.has("session")) {
            diagnostics_.error({1, 1}, tr("missing [session] table; it needs at least a title"));
            return;
        }
        const toml::table* table = subTable(top, "session");
        if (!table) return;
        TableReader r(*table, "[session]", diagnostics_, scriptKeys("session"));
        if (auto title = r.string("title")) {
            s.title = *title;
        } else if (!r.has("title")) {
            diagnostics_.error(r.tablePos(), tr("[session] has no 'title'"));
        }
        if (auto v = r.string("description", true)) s.description = *v;
        if (auto v = r.string("author", true)) s.author = *v;
        if (auto v = r.string("language")) {
            if (isLanguageTag(*v)) {
                s.language = *v;
                s.languagePos = r.pos("language");
            } else {
                // It reaches a voice engine's command line ({language}): only a tag gets there.
                std::string hint;
                if (std::string dashed = *v; dashed.find('_') != std::string::npos) {
                    for (char& c : dashed) c = c == '_' ? '-' : c;
                    if (isLanguageTag(dashed)) hint = format(tr("; did you mean \"%s\"?"), dashed.c_str());
                }
                r.error("language", format(tr("'language' in [session] must be a language tag such as \"en\", \"de\" or "
                                              "\"pt-BR\", not \"%s\""),
                                           v->c_str()) +
                                        hint);
            }
        }
        if (auto v = r.duration("length")) {
            if (*v == 0) {
                r.error("length", tr("'length' in [session] must be longer than 0s"));
            } else {
                s.length = *v;
                s.lengthPos = r.pos("length");
            }
        }
        if (auto v = r.stringArray("tags")) s.tags = *v;
        if (auto v = r.string("cover")) {
            s.cover = script_.baseDir / *v;
            s.coverPos = r.pos("cover");
        }
        if (auto v = r.string("voice_dir")) s.voiceDir = script_.baseDir / fs::path(*v);
        r.reportUnknownKeys();
    }

    void readMix(TableReader& top) {
        const toml::table* table = subTable(top, "mix");
        if (!table) return;
        Mix& m = script_.mix;
        TableReader r(*table, "[mix]", diagnostics_, scriptKeys("mix"));
        if (auto v = r.number("voice_db", kMinDb, kMaxDb, "dB")) m.voiceDb = *v;
        if (auto v = r.number("ambient_db", kMinDb, kMaxDb, "dB")) m.ambientDb = *v;
        if (auto v = r.number("bells_db", kMinDb, kMaxDb, "dB")) m.bellsDb = *v;
        if (r.has("duck_db")) {
            const toml::node* n = r.node("duck_db");
            const bool positive = (n->is_integer() && n->as_integer()->get() > 0) ||
                                  (n->is_floating_point() && n->as_floating_point()->get() > 0);
            if (positive) {
                r.error("duck_db", tr("'duck_db' in [mix] must be 0 or below: it lowers the ambient while the voice speaks"));
            } else if (auto v = r.number("duck_db", kMinDb, 0.0, "dB")) {
                m.duckDb = *v;
            }
        }
        if (auto v = r.duration("duck_attack")) m.duckAttack = *v;
        if (auto v = r.duration("duck_release")) m.duckRelease = *v;
        if (r.has("voice_lufs")) {
            const toml::node* n = r.node("voice_lufs");
            if (const auto* b = n->as_boolean()) {
                if (b->get()) {
                    r.error("voice_lufs", tr("'voice_lufs' in [mix] must be a loudness in LUFS (like -20.0) or false, not true"));
                } else {
                    m.voiceLufs.reset();
                }
            } else if (n->is_number()) {
                if (auto v = r.number("voice_lufs", -70.0, 0.0, "LUFS")) m.voiceLufs = *v;
            } else {
                r.wrongType("voice_lufs", tr("a loudness in LUFS (like -20.0) or false"));
            }
        }
        r.reportUnknownKeys();
    }

    void readVoice(TableReader& top) {
        const toml::table* table = subTable(top, "voice");
        if (!table) return;
        VoiceSettings& v = script_.voice;
        TableReader r(*table, "[voice]", diagnostics_, scriptKeys("voice"));
        v.tablePos = r.tablePos();
        if (auto e = r.string("engine")) {
            // A name, never a command: scripts travel, and playing one must not run a program it names.
            if (e->empty() || e->find_first_of(" /\\\t") != std::string::npos) {
                r.error("engine", tr("'engine' in [voice] names an engine (\"flite\", \"espeak-ng\", \"festival\" or one "
                                     "defined in your voices.toml), not a command or a path"));
            } else {
                v.engine = *e;
                v.enginePos = r.pos("engine");
            }
        }
        if (auto n = r.string("name")) {
            v.name = *n;
            v.namePos = r.pos("name");
        }
        if (auto x = r.number("rate", 0.5, 2.0, "")) v.rate = *x;
        if (auto x = r.number("pitch", -12.0, 12.0, tr("semitones"))) {
            v.pitch = *x;
            v.pitchPos = r.pos("pitch");
        }
        const auto gap = [&](const char* key, Nanos& into) {
            if (auto d = r.duration(key)) {
                if (*d > 10 * kNanosPerSecond) r.error(key, format(tr("'%s' in [voice] must be at most 10s"), key));
                else into = *d;
            }
        };
        gap("gap", v.gap);
        gap("phrase_gap", v.phraseGap);
        r.reportUnknownKeys();
    }

    /// The array of tables under `key`: nullptr (with a diagnostic) when it has the wrong shape.
    const toml::array* tableArray(TableReader& top, std::string_view key) {
        const toml::node* n = top.node(key);
        if (!n) return nullptr;
        if (n->is_array_of_tables()) return n->as_array();
        const std::string k(key);
        if (n->is_array() && n->as_array()->empty()) return n->as_array();
        top.error(key, format(tr("'%s' must be an array of tables: write each one under its own [[%s]] header, not %s"),
                              k.c_str(), k.c_str(), describeType(*n).c_str()));
        return nullptr;
    }

    void readId(TableReader& r, std::string& id, const std::string& fallback) {
        id = fallback;
        if (auto v = r.string("id")) {
            if (validId(*v)) {
                id = *v;
            } else {
                r.error("id", format(tr("id '%s' may hold only letters, digits, '-' and '_'"), v->c_str()));
            }
        }
        ids_.push_back({id, r.has("id") ? r.pos("id") : r.tablePos(), r.has("id")});
    }

    SoundRef soundRef(TableReader& r, std::string_view key, const std::string& value) {
        SoundRef ref;
        ref.text = value;
        ref.pos = r.pos(key);
        ref.builtin = looksLikeBuiltinName(value);
        if (!ref.builtin) ref.path = script_.baseDir / fs::path(value);
        return ref;
    }

    void readSteps(TableReader& top) {
        if (!top.has("step")) {
            diagnostics_.error({1, 1}, tr("the script has no steps; add at least one [[step]]"));
            return;
        }
        const toml::array* steps = tableArray(top, "step");
        if (!steps) return;
        if (steps->empty()) {
            top.error("step", tr("the script has no steps; add at least one [[step]]"));
            return;
        }
        int number = 0;
        for (const auto& element : *steps) {
            ++number;
            readStep(*element.as_table(), number);
        }
    }

    void readStep(const toml::table& table, int number) {
        Step step;
        step.pos = toPos(table.source());
        const int errorsBefore = diagnostics_.count(Severity::Error);
        std::string place = "[[step]] " + std::to_string(number);
        if (const auto* id = table.get_as<std::string>("id")) place = "[[step]] '" + id->get() + "'";
        TableReader r(table, place, diagnostics_, scriptKeys("step"));
        readId(r, step.id, "step-" + std::to_string(number));
        if (auto v = r.string("chapter")) step.chapter = *v;
        if (auto v = r.string("say")) step.say = *v;
        if (auto v = r.string("clip")) {
            if (looksLikeBuiltinName(*v)) {
                r.error("clip", format(tr("'clip' in %s must be a path to an audio file (like \"voice/%s.wav\"), not a "
                                          "built-in sound name"),
                                       place.c_str(), v->c_str()));
            } else {
                step.clip = soundRef(r, "clip", *v);
            }
        }
        if (r.has("caption")) {
            const toml::node* n = r.node("caption");
            if (const auto* b = n->as_boolean()) {
                if (b->get()) r.error("caption", format(tr("'caption' in %s must be a string or false, not true"), place.c_str()));
                step.captionDisabled = !b->get();
            } else if (n->is_string()) {
                step.caption = r.string("caption", true);
            } else {
                r.wrongType("caption", tr("a string or false"));
            }
        }
        if (auto v = r.string("bell")) step.bell = soundRef(r, "bell", *v);
        step.breathe = readBreathe(r, place);
        if (auto v = r.elasticDuration("pause")) step.pause = *v;
        if (auto v = r.boolean("wait")) step.wait = *v;
        step.intervalBell = readIntervalBell(r, place);

        // Reported only for a step whose keys were all valid, so one mistake gives one line.
        const bool clean = diagnostics_.count(Severity::Error) == errorsBefore;
        const bool doesSomething = step.say || step.clip || step.bell || step.breathe || step.pause.max > 0 || step.wait;
        if (!doesSomething && clean) {
            diagnostics_.error(step.pos, format(tr("%s does nothing; give it at least one of say, clip, bell, breathe, pause or wait"),
                                                 place.c_str()));
        }
        if (step.intervalBell && step.pause.max == 0 && clean) {
            diagnostics_.warning(r.pos("interval_bell"),
                                 format(tr("'interval_bell' in %s never rings: the step has no pause"), place.c_str()));
        }
        r.reportUnknownKeys();
        script_.steps.push_back(std::move(step));
    }

    std::optional<Breathe> readBreathe(TableReader& step, const std::string& place) {
        if (!step.has("breathe")) return std::nullopt;
        const auto* table = step.node("breathe")->as_table();
        if (!table) {
            step.wrongType("breathe", tr("a table (like { in = \"4s\", out = \"6s\", cycles = 4 })"));
            return std::nullopt;
        }
        TableReader r(*table, format(tr("'breathe' of %s"), place.c_str()), diagnostics_, scriptKeys("step.breathe"));
        Breathe b;
        bool ok = r.requireKeys({"in", "out", "cycles"}, step.pos("breathe"));
        auto positive = [&](const char* key, Nanos& out) {
            if (auto v = r.duration(key)) {
                if (*v == 0) {
                    r.error(key, format(tr("'%s' in 'breathe' of %s must be longer than 0s"), std::string(key).c_str(), place.c_str()));
                    ok = false;
                } else {
                    out = *v;
                }
            } else if (r.has(key)) {
                ok = false;
            }
        };
        positive("in", b.in);
        positive("out", b.out);
        if (auto v = r.duration("hold")) b.hold = *v; else ok = ok && !r.has("hold");
        if (auto v = r.duration("rest")) b.rest = *v; else ok = ok && !r.has("rest");
        if (auto v = r.integer("cycles", 1, kMaxCycles)) b.cycles = static_cast<int>(*v); else ok = ok && !r.has("cycles");
        if (auto v = r.string("cue")) {
            if (*v == "tone") {
                b.cue = Breathe::Cue::Tone;
            } else if (*v != "none") {
                r.error("cue", format(tr("unknown cue '%s' in 'breathe' of %s; use \"none\" or \"tone\""), v->c_str(),
                                      place.c_str()) +
                                   didYouMean(*v, {"none", "tone"}));
                ok = false;
            }
        }
        r.reportUnknownKeys();
        if (ok && static_cast<Int128>(b.cycleLength()) * b.cycles > kMaxDuration) {
            step.error("breathe", format(tr("'breathe' of %s lasts longer than 24h"), place.c_str()));
            ok = false;
        }
        return ok ? std::optional<Breathe>(b) : std::nullopt;
    }

    std::optional<IntervalBell> readIntervalBell(TableReader& step, const std::string& place) {
        if (!step.has("interval_bell")) return std::nullopt;
        const auto* table = step.node("interval_bell")->as_table();
        if (!table) {
            step.wrongType("interval_bell", tr("a table (like { sound = \"bowl\", every = \"5m\" })"));
            return std::nullopt;
        }
        TableReader r(*table, format(tr("'interval_bell' of %s"), place.c_str()), diagnostics_, scriptKeys("step.interval_bell"));
        IntervalBell bell;
        bool ok = r.requireKeys({"sound", "every"}, step.pos("interval_bell"));
        if (auto v = r.string("sound")) bell.sound = soundRef(r, "sound", *v); else ok = false;
        if (auto v = r.duration("every")) {
            if (*v < kMinIntervalBell) {
                r.error("every", format(tr("'every' in 'interval_bell' of %s is %s; it must be at least 1s"), place.c_str(),
                                        formatDuration(*v).c_str()));
                ok = false;
            } else {
                bell.every = *v;
            }
        } else {
            ok = false;
        }
        r.reportUnknownKeys();
        return ok ? std::optional<IntervalBell>(bell) : std::nullopt;
    }

    void readAmbients(TableReader& top) {
        const toml::array* ambients = tableArray(top, "ambient");
        if (!ambients) return;
        int number = 0;
        for (const auto& element : *ambients) {
            ++number;
            const toml::table& table = *element.as_table();
            Ambient a;
            a.pos = toPos(table.source());
            std::string place = "[[ambient]] " + std::to_string(number);
            if (const auto* id = table.get_as<std::string>("id")) place = "[[ambient]] '" + id->get() + "'";
            TableReader r(table, place, diagnostics_, scriptKeys("ambient"));
            readId(r, a.id, "ambient-" + std::to_string(number));
            if (auto v = r.string("sound")) {
                a.sound = soundRef(r, "sound", *v);
            } else if (!r.has("sound")) {
                diagnostics_.error(a.pos, format(tr("%s has no 'sound'"), place.c_str()));
            }
            if (auto v = r.number("gain_db", kMinDb, kMaxDb, "dB")) a.gainDb = *v;
            if (auto v = r.duration("fade_in")) a.fadeIn = *v;
            if (auto v = r.duration("fade_out")) a.fadeOut = *v;
            a.from = r.string("from");
            a.until = r.string("until");
            fromPos_.push_back(r.pos("from"));
            untilPos_.push_back(r.pos("until"));
            if (auto v = r.boolean("loop")) a.loop = *v;
            if (auto v = r.duration("loop_crossfade")) a.loopCrossfade = *v;
            r.reportUnknownKeys();
            script_.ambients.push_back(std::move(a));
        }
    }

    void checkIds() {
        // In file order, so the later of two uses is the one reported.
        std::stable_sort(ids_.begin(), ids_.end(), [](const IdUse& a, const IdUse& b) {
            return a.pos.line != b.pos.line ? a.pos.line < b.pos.line : a.pos.column < b.pos.column;
        });
        std::unordered_map<std::string, SourcePos> firstUse;
        for (const IdUse& use : ids_) {
            auto [first, inserted] = firstUse.emplace(use.id, use.pos);
            if (inserted) continue;
            diagnostics_.error(use.pos, format(use.given ? tr("duplicate id '%s'; ids must be unique within the script")
                                                         : tr("duplicate id '%s' (the default id of this table); ids must be "
                                                              "unique within the script"),
                                               use.id.c_str()));
            diagnostics_.note(first->second, format(tr("'%s' is first used here"), use.id.c_str()));
        }
    }

    void checkAmbientSpans() {
        std::vector<std::string> stepIds;
        std::unordered_map<std::string, int> stepIndex;
        for (std::size_t i = 0; i < script_.steps.size(); ++i) {
            stepIds.push_back(script_.steps[i].id);
            stepIndex.emplace(script_.steps[i].id, static_cast<int>(i));
        }
        for (std::size_t i = 0; i < script_.ambients.size(); ++i) {
            Ambient& a = script_.ambients[i];
            auto resolve = [&](std::optional<std::string>& ref, const char* key, SourcePos pos) {
                if (!ref) return -1;
                if (auto found = stepIndex.find(*ref); found != stepIndex.end()) return found->second;
                diagnostics_.error(pos, format(tr("'%s' of ambient '%s' names no step: '%s'"), key, a.id.c_str(),
                                               ref->c_str()) +
                                            didYouMean(*ref, stepIds));
                ref.reset();
                return -1;
            };
            a.fromStep = resolve(a.from, "from", fromPos_[i]);
            a.untilStep = resolve(a.until, "until", untilPos_[i]);
            if (a.fromStep >= 0 && a.untilStep >= 0 && a.untilStep < a.fromStep) {
                diagnostics_.error(untilPos_[i], format(tr("ambient '%s' ends (until '%s') before it starts (from '%s')"),
                                                        a.id.c_str(), a.until->c_str(), a.from->c_str()));
            }
        }
    }
};

}  // namespace

ScriptLoad loadScriptText(std::string_view text, const fs::path& file) {
    ScriptLoad result{std::nullopt, Diagnostics(file.string()), false};
    if (text.size() > kMaxScriptBytes) {
        result.diagnostics.error({}, tr("the file is larger than 4 MiB; is it really a session script?"));
        return result;
    }
    auto root = parseToml(text, file, result.diagnostics);
    if (!root) return result;
    Script script = Loader(*root, file, result.diagnostics).run();
    result.diagnostics.sortByPosition();
    result.script = std::move(script);
    return result;
}

ScriptLoad loadScriptFile(const fs::path& file) {
    ScriptLoad result{std::nullopt, Diagnostics(file.string()), true};
    auto text = readTextFile(file, kMaxScriptBytes, tr("the script"), result.diagnostics);
    if (!text) return result;
    return loadScriptText(*text, file);
}

const std::vector<std::pair<std::string, std::vector<std::string>>>& scriptKeys() {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> keys = {
        {"", {"kindly", "session", "mix", "voice", "ambient", "step"}},
        {"session", {"title", "description", "author", "language", "length", "tags", "voice_dir", "cover"}},
        {"mix", {"voice_db", "ambient_db", "bells_db", "duck_db", "duck_attack", "duck_release", "voice_lufs"}},
        {"voice", {"engine", "name", "rate", "pitch", "gap", "phrase_gap"}},
        {"ambient", {"id", "sound", "gain_db", "fade_in", "fade_out", "from", "until", "loop", "loop_crossfade"}},
        {"step", {"id", "chapter", "say", "clip", "caption", "bell", "breathe", "pause", "wait", "interval_bell"}},
        {"step.breathe", {"in", "hold", "out", "rest", "cycles", "cue"}},
        {"step.interval_bell", {"sound", "every"}},
    };
    return keys;
}

const std::vector<std::string>& scriptKeys(std::string_view table) {
    for (const auto& [name, keys] : scriptKeys())
        if (name == table) return keys;
    throw std::logic_error("no script table '" + std::string(table) + "'");
}

}  // namespace kindly
