// Authoring tools: the JSON Schema for editors kept in step with the loader, `kindly new`, and
// the timeline's SVG picture.
#include <catch2/catch.hpp>

#include <algorithm>

#include <set>
#include <tuple>

#include "MiniJson.hpp"
#include "TestSupport.hpp"
#include "session/PrepareSession.hpp"
#include "output/TimelineSvg.hpp"
#include "script/ScriptLoader.hpp"

using namespace kindly;
using namespace kindly::test;
namespace fs = std::filesystem;

namespace {

const fs::path kSchema = fs::path(KINDLY_SOURCE_DIR) / "scripts" / "session-script.schema.json";

/// Follows "$ref": "#/definitions/name".
const Json& resolve(const Json& root, const Json& node) {
    const Json* ref = node.get("$ref");
    if (!ref) return node;
    const std::string prefix = "#/definitions/";
    REQUIRE(ref->string.rfind(prefix, 0) == 0);
    const Json* found = root.get("definitions")->get(ref->string.substr(prefix.size()));
    REQUIRE(found);
    return *found;
}

/// The schema of the table at `path` ("" the top, "session", "step.breathe"): arrays of tables
/// are followed to their items. Null when there is no such key.
const Json* tableSchema(const Json& root, const std::string& path) {
    const Json* node = &root;
    std::size_t start = 0;
    while (node && start < path.size()) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        const Json* properties = node->get("properties");
        node = properties ? properties->get(part) : nullptr;
        if (node) node = &resolve(root, *node);
        if (const Json* items = node ? node->get("items") : nullptr) node = &resolve(root, *items);
        start = dot == std::string::npos ? path.size() : dot + 1;
    }
    return node;
}

/// The property names of the table at `path`, which must be closed (as the loader's tables
/// are: an unknown key is an error).
std::set<std::string> schemaKeys(const Json& root, const std::string& path) {
    const Json* node = tableSchema(root, path);
    REQUIRE(node);
    std::set<std::string> keys;
    if (const Json* properties = node->get("properties"))
        for (const auto& [key, value] : properties->object) keys.insert(key);
    const Json* additional = node->get("additionalProperties");
    CHECK((additional && additional->kind == Json::Kind::Bool && !additional->boolean));
    return keys;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the JSON Schema accepts exactly the keys the loader accepts, table by table", "[authoring][schema]") {
    const Json root = Json::parse(readText(kSchema));
    std::set<std::string> schemaTables;
    for (const auto& [table, keys] : scriptKeys()) {
        INFO("table '" << table << "'");
        CHECK(schemaKeys(root, table) == std::set<std::string>(keys.begin(), keys.end()));
        schemaTables.insert(table);
    }
    // And the other way round: every table the schema describes is one the loader reads.
    const auto tablesBelow = [&](const std::string& path, const auto& self) -> void {
        for (const std::string& key : schemaKeys(root, path)) {
            const std::string child = path.empty() ? key : path + "." + key;
            const Json* node = tableSchema(root, child);
            if (!node || !node->get("properties")) continue;  // a value, not a table
            INFO("the schema describes table '" << child << "'");
            CHECK(schemaTables.count(child) == 1);
            self(child, self);
        }
    };
    tablesBelow("", tablesBelow);
    // The required keys agree with the loader's errors for a missing one.
    const auto required = [&](const Json& node) {
        std::set<std::string> r;
        if (const Json* list = node.get("required"))
            for (const auto& k : list->array) r.insert(k.string);
        return r;
    };
    CHECK(required(root) == std::set<std::string>{"kindly", "session", "step"});
    CHECK(required(*root.get("properties")->get("session")) == std::set<std::string>{"title"});
}

TEST_CASE("every bundled script names the schema on its first line", "[authoring][schema]") {
    int scripts = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(KINDLY_SOURCE_DIR) / "scripts")) {
        if (entry.path().extension() != ".toml") continue;
        ++scripts;
        INFO(entry.path().filename().string());
        CHECK(readText(entry.path()).rfind("#:schema ./session-script.schema.json\n", 0) == 0);
    }
    CHECK(scripts >= 6);
}

TEST_CASE("kindly new writes a starter script that checks clean and never overwrites", "[authoring][cli]") {
    TempDir dir;
    const std::string kindly = std::string("'") + KINDLY_BINARY + "' ";
    const std::string env = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' ";
    auto made = runShell(dir, env + kindly + "new evening-kindness");
    INFO(made.err);
    REQUIRE(made.status == 0);
    CHECK(has(made.out, "Wrote evening-kindness.toml"));
    const std::string text = readText(dir / "evening-kindness.toml");
    CHECK(has(text, "title = \"Evening kindness\""));
    // It names the bundled schema by its full path, so an editor finds it wherever the script is.
    REQUIRE(text.rfind("#:schema /", 0) == 0);
    const std::string schemaPath = text.substr(9, text.find('\n') - 9);
    CHECK(fs::equivalent(schemaPath, kSchema));
    // It checks with no warning at all, and plays its promised length.
    auto checked = runShell(dir, env + kindly + "check evening-kindness.toml");
    INFO(checked.out);
    CHECK(checked.status == 0);
    CHECK(has(checked.out, "(0 errors, 0 warnings)"));
    CHECK(has(checked.out, "length 3:00.000"));
    // Never overwritten: the second time it refuses and leaves the file as it was.
    writeText(dir / "evening-kindness.toml", "# mine\n");
    auto again = runShell(dir, env + kindly + "new evening-kindness.toml");
    CHECK(again.status == 2);
    CHECK(has(again.err, "already exists"));
    CHECK(readText(dir / "evening-kindness.toml") == "# mine\n");
    CHECK(runShell(dir, kindly + "new no/such/folder/x").status == 2);
    CHECK(runShell(dir, kindly + "new").status == 2);
    // No temporary file is left behind.
    for (const auto& e : fs::directory_iterator(dir.path())) CHECK_FALSE(has(e.path().filename().string(), ".tmp"));
}

namespace {
std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("the timeline's SVG of every bundled session is well-formed, with one shape per voice clip", "[authoring][svg]") {
    TempDir dir;
    int drawn = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(KINDLY_SOURCE_DIR) / "scripts")) {
        if (entry.path().extension() != ".toml") continue;
        INFO(entry.path().filename().string());
        const PreparedSession p = prepareSession(entry.path(), {});
        REQUIRE(p.timeline);
        const Timeline& tl = *p.timeline;
        const std::string svg = timelineSvg(*p.script, tl);
        const fs::path file = dir / (entry.path().stem().string() + ".svg");
        writeText(file, svg);
        const auto lint = runShell(dir, "xmllint --noout '" + file.string() + "'");
        INFO(lint.err);
        CHECK(lint.status == 0);
        CHECK(count(svg, "class=\"voice-clip\"") == tl.voices.size());
        CHECK(count(svg, "class=\"chapter\"") == tl.chapters.size());
        CHECK(count(svg, "class=\"bell\"") == tl.bells.size());
        CHECK(count(svg, "class=\"ambient\"") == tl.ambients.size());
        std::size_t elastic = 0, paused = 0;
        for (const auto& s : tl.steps) {
            elastic += s.elasticPause && s.end > s.pauseStart;
            paused += s.end > s.pauseStart;
        }
        CHECK(count(svg, "class=\"pause elastic\"") == elastic);
        CHECK(count(svg, "class=\"pause\"") + elastic == paused);
        // The title is there; text as XML: the apostrophe in "Let's" or "Pause d'autocompassion" is escaped.
        const auto xmlText = [](const std::string& text) {
            std::string out;
            for (char ch : text) out += ch == '\'' ? std::string("&apos;") : std::string(1, ch);
            return out;
        };
        CHECK(svg.find("<title>" + xmlText(p.script->session.title)) != std::string::npos);
        // Every caption is drawn, from its start (a long one is cut short with "…" where its
        // lane ends: its first six bytes are always there).
        for (const auto& c : tl.captions) CHECK(svg.find(">" + xmlText(c.text.substr(0, std::min<std::size_t>(c.text.find(' '), 6)))) != std::string::npos);
        ++drawn;
    }
    CHECK(drawn >= 6);
}

TEST_CASE("kindly timeline --svg writes the picture whole, and says so when it cannot", "[authoring][svg][cli]") {
    TempDir dir;
    writeText(dir / "s.toml", "kindly = 1\n[session]\ntitle = \"Fish & <Chips>\"\n[[step]]\nchapter = \"A \\\"quoted\\\" one\"\n"
                              "caption = \"Rest & be.\"\npause = \"5s..10s\"\n[[step]]\nbell = \"bowl\"\npause = 2\n");
    const std::string kindly = std::string("'") + KINDLY_BINARY + "' ";
    auto ok = runShell(dir, kindly + "timeline s.toml --svg out.svg");
    INFO(ok.err);
    CHECK(ok.status == 0);
    CHECK(has(ok.out, "Wrote out.svg"));
    const std::string svg = readText(dir / "out.svg");
    CHECK(has(svg, "Fish &amp; &lt;Chips&gt;"));
    CHECK(has(svg, "A &quot;quoted&quot; one"));
    CHECK(runShell(dir, "xmllint --noout out.svg").status == 0);
    CHECK_FALSE(fs::exists(dir / "out.svg.part"));
    auto bad = runShell(dir, kindly + "timeline s.toml --svg no/such/dir/out.svg");
    CHECK(bad.status == 3);
    CHECK(has(bad.err, "cannot write no/such/dir/out.svg"));
    // An invalid script: its errors, and no picture.
    writeText(dir / "bad.toml", "kindly = 1\n[session]\ntitle = \"T\"\n[[step]]\npuase = 1\n");
    auto invalid = runShell(dir, kindly + "timeline bad.toml --svg bad.svg");
    CHECK(invalid.status == 1);
    CHECK(has(invalid.err, "bad.toml:5:1: error"));
    CHECK_FALSE(fs::exists(dir / "bad.svg"));
}
