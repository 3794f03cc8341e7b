#pragma once
// The library: every session script a listener can choose, from the bundled scripts/ folder,
// the user's own ($XDG_DATA_HOME/kindly/scripts) and any --library folders. Each entry is
// checked like `kindly check` does; one that fails is kept with a short reason, never hidden.
// No SDL here: the window's library screen shows what this finds.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "script/Duration.hpp"

namespace kindly {

struct LibraryEntry {
    std::filesystem::path file;
    std::string title;        ///< the file's name until the script has been read
    std::string description;
    std::vector<std::string> tags;
    std::string language = "en";  ///< the script's `language` (a BCP 47 tag)
    bool checked = false;     ///< false until check() has run
    bool valid = false;
    std::string problem;      ///< when invalid: the first error, short ("line 12: unknown key 'duk'")
    Nanos length = 0;         ///< the script's natural length (its `length`, else its shortest)
    Nanos minLength = 0, maxLength = 0;
    bool elastic = false;     ///< has pauses that stretch: min < max

    /// The lengths to offer before an elastic session starts: round minutes within reach
    /// (3, 5, 10, 15, 20, 30, 45, 60 ...), or the one natural length.
    std::vector<Nanos> offeredLengths() const;
    /// "5:00" or "3:15 to 6:26" (or "…" before the check).
    std::string lengthText() const;
};

/// Folders in the order they are listed: bundled, the user's, then `extra` (each once).
std::vector<std::filesystem::path> libraryFolders(const std::vector<std::filesystem::path>& extra);

/// Every *.toml in `folders` (not recursive), read but not yet checked: title, description, tags
/// and language come from a quick read of the script. The sessions in `firstLanguage` (the
/// listener's) come first, then the others by language; within a language, folder by folder in
/// their order, by title.
std::vector<LibraryEntry> scanLibrary(const std::vector<std::filesystem::path>& folders,
                                      const std::string& firstLanguage = "en");


/// Checks one entry fully (media, speech, timeline; may synthesize speech: slow the first time).
/// `allowedUserEngines`: in a kiosk, the listener-defined voice engines it may run.
void checkEntry(LibraryEntry& entry, int rate = 48000,
                const std::optional<std::vector<std::string>>& allowedUserEngines = std::nullopt);

/// Every tag in the entries, sorted, each once; with a `language`, only the tags of the sessions
/// in that language (all of them when none is in it), so the filter speaks the listener's words.
std::vector<std::string> allTags(const std::vector<LibraryEntry>& entries, const std::string& language = {});

}  // namespace kindly
