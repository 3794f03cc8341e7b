#pragma once
// What a rendered file says about itself in a phone's or a podcast app's player: its title,
// author, album, date, genre, description, the words (unsynchronised lyrics) and its chapters.
// Written with TagLib into a finished file: ID3v2.3 (with CHAP frames and a CTOC table of
// contents) for MP3, which the most players read; Vorbis comments (CHAPTER001=00:01:02.500,
// CHAPTER001NAME=...) for Ogg Vorbis, Opus and FLAC. WAV files get none.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "output/SoundFileWriter.hpp"

namespace kindly {

struct FileChapter {
    std::string title;
    long long startMs = 0;
    long long endMs = 0;
};

struct FileTags {
    std::string title, artist, album, date, genre, comment;
    std::string lyrics;  ///< the words, one caption a line
    int track = 0;       ///< 0: none
    int tracks = 0;      ///< of how many (0: not said)
    std::vector<FileChapter> chapters;
    std::string picture;      ///< the front cover's bytes (PNG or JPEG); empty: none
    std::string pictureMime;  ///< "image/png" or "image/jpeg"
};

/// The largest cover picture a render takes: players show a few hundred pixels.
constexpr std::uintmax_t kMaxCoverBytes = std::uintmax_t{8} << 20;

/// Why `file` cannot be a render's cover (missing, not a regular file, over 8 MiB, not a PNG or
/// JPEG picture); empty when it can. Reads only its first bytes.
std::string coverProblem(const std::filesystem::path& file);

/// The cover's bytes and MIME type; false with `error` (as coverProblem says) when unusable.
bool readCover(const std::filesystem::path& file, std::string& bytes, std::string& mime, std::string& error);

/// "00:01:02.500": a chapter's start as Vorbis comments write it.
std::string chapterTime(long long ms);

/// Writes `tags` into `file` (of `format`; WAV is left as it is). False with `error` when the
/// file cannot be tagged.
bool writeFileTags(const std::filesystem::path& file, SoundFileFormat format, const FileTags& tags, std::string& error);

}  // namespace kindly
