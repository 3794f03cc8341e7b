// `kindly new NAME`: a commented starter script to grow a session from. It checks clean and
// plays at once (with the synthesized voice), and names the JSON Schema so an editor that
// speaks it (Taplo, VS Code's "Even Better TOML") completes keys and flags mistakes.

#include <cctype>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>
#include <system_error>

#include "app/Commands.hpp"
#include "platform/Paths.hpp"

namespace kindly {
namespace fs = std::filesystem;
namespace {

/// "evening-kindness" -> "Evening kindness".
std::string titleFromName(const std::string& stem) {
    std::string title;
    for (char c : stem) title += (c == '-' || c == '_') ? ' ' : c;
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    return title.empty() ? "My session" : title;
}

std::string tomlString(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

std::string starterScript(const std::string& title, const std::string& stem, const std::string& schema) {
    std::string s;
    if (!schema.empty()) s += "#:schema " + schema + "\n";
    s += "# " + title + R"( - a Kindly session script. The format: the README's "Writing session scripts".
#   kindly check FILE     checks it (errors point at the line)
#   kindly play FILE      listens (add --watch to hear edits as you save them)
#   kindly record FILE    records your own voice, step by step
#   kindly render FILE -o session.wav --captions session.vtt   makes a file to share
kindly = 1

[session]
title = )" + tomlString(title) + R"(
description = "A few quiet minutes of kindness towards yourself."
author = ""
length = "3m"                 # the elastic pauses below stretch to fill this
tags = ["self-compassion"]
# voice_dir = ")" + stem + R"("  # your recordings, <step id>.wav (this is the default)

[mix]
ambient_db = -10.0            # the ambient bed's level; it dips further while the voice speaks

# Until you record your voice, the words are synthesized: flite by default; "festival" is
# smoother, "espeak-ng" speaks about 100 languages. `kindly voices` lists what is here.
# [voice]
# engine = "festival"
# rate = 1.0                  # 0.5 to 2.0: slower or faster than the engine's calm pace

# A soft bed of rain under the whole session (also: waves, birds, wind, summer-night,
# fireplace, stream, pink-noise, or a file).
[[ambient]]
sound = "rain"
fade_in = "4s"
fade_out = "6s"

# Each step: words (say), then paced breathing (breathe), then a pause. A step with a
# chapter starts a chapter. Each `id` is also the name of its recording: <id>.wav.
[[step]]
id = "arrive"
chapter = "Arriving"
bell = "bowl"
say = "Welcome. Find a comfortable position, and let your eyes close or rest softly."
pause = "3s..30s"             # elastic: from 3 seconds to 30, to fit the length

[[step]]
id = "breathe"
say = "Breathe with the circle: in as it grows, out as it softens."
breathe = { in = "4s", out = "6s", cycles = 4 }
pause = "2s"

[[step]]
id = "kindness"
chapter = "Kindness"
say = "Place a hand on your heart, and say to yourself: may I be kind to myself."
pause = "10s..90s"

[[step]]
id = "close"
say = "When you are ready, open your eyes, and take this kindness with you."
bell = "bowl"
pause = "4s"
)";
    return s;
}

}  // namespace

int runNew(const NewArgs& args, std::ostream& out, std::ostream& err) {
    fs::path file = args.name;
    if (file.extension() != ".toml") file += ".toml";
    const std::string stem = file.stem().string();
    if (stem.empty() || stem.front() == '.') {
        err << "kindly: '" << args.name << "' is not a name for a script\n";
        return kExitUsage;
    }
    std::error_code ec;
    if (fs::exists(file, ec)) {
        err << "kindly: " << file.string() << " already exists; it was left as it is (choose another name)\n";
        return kExitUsage;
    }
    if (const fs::path folder = file.parent_path(); !folder.empty() && !fs::is_directory(folder, ec)) {
        err << "kindly: the folder " << folder.string() << " does not exist\n";
        return kExitUsage;
    }
    std::string schema;
    if (const auto data = bundledDataDir()) {
        const fs::path path = fs::weakly_canonical(*data / "scripts" / "session-script.schema.json", ec);
        if (!ec && fs::exists(path)) schema = path.string();
    }
    // Written beside its place and moved there whole: never a half-written script.
    const fs::path temporary = file.string() + ".tmp-new";
    {
        std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
        stream << starterScript(titleFromName(stem), stem, schema);
        stream.close();
        if (!stream) {
            fs::remove(temporary, ec);
            err << "kindly: cannot write " << file.string() << "\n";
            return kExitFailure;
        }
    }
    // A link, not a rename, so a file made meanwhile by someone else is not replaced.
    fs::create_hard_link(temporary, file, ec);
    fs::remove(temporary);
    if (ec) {
        err << "kindly: cannot write " << file.string() << ": " << ec.message() << "\n";
        return kExitFailure;
    }
    out << "Wrote " << file.string() << ". Next:\n"
        << "  kindly check " << file.string() << "\n"
        << "  kindly play " << file.string() << " --watch     (edit and save: it plays the new version)\n"
        << "  kindly record " << file.string() << "           (your own voice, step by step)\n";
    return kExitOk;
}

}  // namespace kindly
