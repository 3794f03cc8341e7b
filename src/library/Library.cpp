#include "library/Library.hpp"

#include <algorithm>
#include <cctype>
#include <tuple>
#include <set>

#include "session/PrepareSession.hpp"
#include "platform/Language.hpp"
#include "platform/Paths.hpp"
#include "script/ScriptLoader.hpp"

namespace kindly {
namespace fs = std::filesystem;

std::vector<Nanos> LibraryEntry::offeredLengths() const {
    if (!elastic) return {length};
    static constexpr int kRoundMinutes[] = {1, 2, 3, 5, 10, 15, 20, 25, 30, 45, 60, 90, 120};
    std::vector<Nanos> lengths;
    for (int minutes : kRoundMinutes) {
        const Nanos n = minutes * kNanosPerMinute;
        if (n >= minLength && n <= maxLength) lengths.push_back(n);
    }
    // A short range between round minutes still offers its two ends.
    if (lengths.empty()) lengths = {minLength, maxLength};
    // At most five choices: keep the ends and an even spread between them.
    while (lengths.size() > 5) {
        std::vector<Nanos> thinned;
        for (std::size_t i = 0; i < lengths.size(); i += 2) thinned.push_back(lengths[i]);
        if (thinned.back() != lengths.back()) thinned.push_back(lengths.back());
        lengths = thinned;
    }
    return lengths;
}

std::string LibraryEntry::lengthText() const {
    if (!checked) return "…";
    if (!valid) return "";
    if (!elastic) return formatClockSeconds(length);
    // TRANSLATORS: the lengths an elastic session can last, "3:05 to 6:16".
    return format(tr("%s to %s"), formatClockSeconds(minLength).c_str(), formatClockSeconds(maxLength).c_str());
}

std::vector<fs::path> libraryFolders(const std::vector<fs::path>& extra) {
    std::vector<fs::path> folders;
    auto add = [&](const fs::path& folder) {
        std::error_code ec;
        const fs::path canonical = fs::weakly_canonical(folder, ec);
        const fs::path& key = ec ? folder : canonical;
        if (std::find(folders.begin(), folders.end(), key) == folders.end()) folders.push_back(key);
    };
    if (const auto data = bundledDataDir()) add(*data / "scripts");
    add(userDataDir() / "scripts");
    for (const auto& folder : extra) add(folder);
    return folders;
}

std::vector<LibraryEntry> scanLibrary(const std::vector<fs::path>& folders, const std::string& firstLanguage) {
    struct Found {
        LibraryEntry entry;
        std::size_t folder;
    };
    std::vector<Found> found;
    for (std::size_t f = 0; f < folders.size(); ++f) {
        const fs::path& folder = folders[f];
        std::error_code ec;
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->path().extension() != ".toml" || !it->is_regular_file(ec)) continue;
            LibraryEntry entry;
            entry.file = it->path();
            entry.title = it->path().stem().string();
            const ScriptLoad load = loadScriptFile(entry.file);
            if (load.script) {
                if (!load.script->session.title.empty()) entry.title = load.script->session.title;
                entry.description = load.script->session.description;
                entry.tags = load.script->session.tags;
                entry.language = load.script->session.language;
            }
            found.push_back({std::move(entry), f});
        }
    }
    const auto key = [&](const Found& x) {
        return std::tuple(!sameLanguage(x.entry.language, firstLanguage), x.entry.language, x.folder);
    };
    std::sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
        if (key(a) != key(b)) return key(a) < key(b);
        return a.entry.title != b.entry.title ? a.entry.title < b.entry.title : a.entry.file < b.entry.file;
    });
    std::vector<LibraryEntry> entries;
    entries.reserve(found.size());
    for (auto& x : found) entries.push_back(std::move(x.entry));
    return entries;
}

void checkEntry(LibraryEntry& entry, int rate, const std::optional<std::vector<std::string>>& allowedUserEngines) {
    PrepareOptions options;
    options.rate = rate;
    options.allowedUserEngines = allowedUserEngines;
    const PreparedSession p = prepareSession(entry.file, options);
    entry.checked = true;
    entry.valid = p.ok();
    if (!entry.valid) {
        const auto& items = p.diagnostics.items();
        const auto first = std::find_if(items.begin(), items.end(),
                                        [](const Diagnostic& d) { return d.severity == Severity::Error; });
        entry.problem = first == items.end() ? std::string(tr("cannot be read"))
                        : first->pos.line > 0 ? format(tr("line %d: %s"), first->pos.line, first->message.c_str())
                                              : first->message;
        const auto errors = p.diagnostics.count(Severity::Error);
        if (errors > 1)
            entry.problem += format(trn(" (and %d more)", " (and %d more)", static_cast<unsigned long>(errors - 1)), errors - 1);
        return;
    }
    const Timeline& tl = *p.timeline;
    entry.length = nanosFromFrames(tl.length, tl.rate);
    entry.elastic = tl.hasElastic && tl.maxLength > tl.minLength;
    entry.minLength = entry.elastic ? tl.minLength : entry.length;
    entry.maxLength = entry.elastic ? tl.maxLength : entry.length;
}

std::vector<std::string> allTags(const std::vector<LibraryEntry>& entries, const std::string& language) {
    std::set<std::string> tags;
    for (const auto& e : entries)
        if (language.empty() || sameLanguage(e.language, language)) tags.insert(e.tags.begin(), e.tags.end());
    if (tags.empty() && !language.empty()) return allTags(entries);
    // As a reader sorts them: "kurz" between "Atmung" and "Selbstmitgefühl", not after every capital.
    std::vector<std::string> sorted(tags.begin(), tags.end());
    const auto folded = [](std::string text) {
        for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return text;
    };
    std::stable_sort(sorted.begin(), sorted.end(), [&](const std::string& a, const std::string& b) { return folded(a) < folded(b); });
    return sorted;
}

}  // namespace kindly
