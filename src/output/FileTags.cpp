#include "output/FileTags.hpp"

#include <taglib/chapterframe.h>
#include <taglib/commentsframe.h>
#include <taglib/flacfile.h>
#include <taglib/id3v2tag.h>
#include <taglib/mpegfile.h>
#include <taglib/opusfile.h>
#include <taglib/tableofcontentsframe.h>
#include <taglib/textidentificationframe.h>
#include <taglib/unsynchronizedlyricsframe.h>
#include <taglib/vorbisfile.h>
#include <taglib/xiphcomment.h>

#include <taglib/attachedpictureframe.h>
#include <taglib/flacpicture.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

namespace kindly {
namespace {

TagLib::String utf8(const std::string& text) { return TagLib::String(text, TagLib::String::UTF8); }

TagLib::ByteVector byteVector(const std::string& bytes) { return {bytes.data(), static_cast<unsigned>(bytes.size())}; }

/// A FLAC picture block (also what Ogg Vorbis and Opus carry, as METADATA_BLOCK_PICTURE).
TagLib::FLAC::Picture* frontCover(const FileTags& tags) {
    auto* picture = new TagLib::FLAC::Picture;
    picture->setType(TagLib::FLAC::Picture::FrontCover);
    picture->setMimeType(tags.pictureMime);
    picture->setDescription("Cover");
    picture->setData(byteVector(tags.picture));
    return picture;
}

/// An ID3v2 text frame (TIT2, TPE1, ...) in UTF-16, which ID3v2.3 readers all take.
std::unique_ptr<TagLib::ID3v2::TextIdentificationFrame> textFrame(const char* id, const std::string& text) {
    auto frame = std::make_unique<TagLib::ID3v2::TextIdentificationFrame>(TagLib::ByteVector(id), TagLib::String::UTF16);
    frame->setText(utf8(text));
    return frame;
}

bool tagMp3(const std::filesystem::path& file, const FileTags& tags, std::string& error) {
    TagLib::MPEG::File mp3(file.c_str(), false);
    if (!mp3.isValid()) {
        error = "it is not an MP3 file TagLib can read";
        return false;
    }
    TagLib::ID3v2::Tag* id3 = mp3.ID3v2Tag(true);
    auto add = [&](const char* id, const std::string& text) {
        if (!text.empty()) id3->addFrame(textFrame(id, text).release());
    };
    add("TIT2", tags.title);
    add("TPE1", tags.artist);
    add("TALB", tags.album);
    add("TYER", tags.date.substr(0, 4));  // ID3v2.3's year; TDRC is v2.4's
    add("TCON", tags.genre);
    if (tags.track > 0) add("TRCK", std::to_string(tags.track) + (tags.tracks > 0 ? "/" + std::to_string(tags.tracks) : ""));
    if (!tags.comment.empty()) {
        auto comment = std::make_unique<TagLib::ID3v2::CommentsFrame>(TagLib::String::UTF16);
        comment->setLanguage("eng");
        comment->setText(utf8(tags.comment));
        id3->addFrame(comment.release());
    }
    if (!tags.picture.empty()) {
        auto picture = std::make_unique<TagLib::ID3v2::AttachedPictureFrame>();
        picture->setTextEncoding(TagLib::String::UTF16);
        picture->setMimeType(tags.pictureMime);
        picture->setType(TagLib::ID3v2::AttachedPictureFrame::FrontCover);
        picture->setDescription("Cover");
        picture->setPicture(byteVector(tags.picture));
        id3->addFrame(picture.release());
    }
    if (!tags.lyrics.empty()) {
        auto lyrics = std::make_unique<TagLib::ID3v2::UnsynchronizedLyricsFrame>(TagLib::String::UTF16);
        lyrics->setLanguage("eng");
        lyrics->setText(utf8(tags.lyrics));
        id3->addFrame(lyrics.release());
    }
    // Chapters: one CHAP frame each (its title a TIT2 inside), listed in order by a top-level CTOC.
    TagLib::ByteVectorList ids;
    for (std::size_t i = 0; i < tags.chapters.size(); ++i) {
        const FileChapter& c = tags.chapters[i];
        const TagLib::ByteVector id(("chp" + std::to_string(i)).c_str());
        TagLib::ID3v2::FrameList inside;
        inside.append(textFrame("TIT2", c.title).release());
        // Byte offsets unknown: 0xFFFFFFFF says "use the times".
        id3->addFrame(new TagLib::ID3v2::ChapterFrame(id, static_cast<unsigned>(c.startMs), static_cast<unsigned>(c.endMs),
                                                      0xFFFFFFFFu, 0xFFFFFFFFu, inside));
        ids.append(id);
    }
    if (!ids.isEmpty()) {
        auto toc = std::make_unique<TagLib::ID3v2::TableOfContentsFrame>(TagLib::ByteVector("toc"), ids);
        toc->setIsTopLevel(true);
        toc->setIsOrdered(true);
        id3->addFrame(toc.release());
    }
    if (!mp3.save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers, TagLib::ID3v2::v3, TagLib::File::DoNotDuplicate)) {
        error = "TagLib could not save its tags";
        return false;
    }
    return true;
}

void fillXiph(TagLib::Ogg::XiphComment& x, const FileTags& tags, bool withPicture) {
    if (withPicture && !tags.picture.empty()) x.addPicture(frontCover(tags));
    auto set = [&](const char* key, const std::string& text) {
        if (!text.empty()) x.addField(key, utf8(text), true);
    };
    set("TITLE", tags.title);
    set("ARTIST", tags.artist);
    set("ALBUM", tags.album);
    set("DATE", tags.date);
    set("GENRE", tags.genre);
    set("DESCRIPTION", tags.comment);
    set("LYRICS", tags.lyrics);
    if (tags.track > 0) set("TRACKNUMBER", std::to_string(tags.track));
    if (tags.tracks > 0) set("TRACKTOTAL", std::to_string(tags.tracks));
    for (std::size_t i = 0; i < tags.chapters.size(); ++i) {
        char key[32];
        std::snprintf(key, sizeof key, "CHAPTER%03zu", i + 1);
        set(key, chapterTime(tags.chapters[i].startMs));
        set((std::string(key) + "NAME").c_str(), tags.chapters[i].title);
    }
}

template <typename File>
bool tagXiph(File& file, TagLib::Ogg::XiphComment* comment, const FileTags& tags, std::string& error, bool withPicture = true) {
    if (!file.isValid() || !comment) {
        error = "TagLib cannot read it";
        return false;
    }
    fillXiph(*comment, tags, withPicture);
    if (!file.save()) {
        error = "TagLib could not save its tags";
        return false;
    }
    return true;
}

bool readCover(const std::filesystem::path& file, std::string& bytes, std::string& mime, std::string& error, bool headOnly) {
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status)) {
        error = "there is no such file";
        return false;
    }
    if (!std::filesystem::is_regular_file(status)) {
        error = "it is not a regular file";
        return false;
    }
    const auto size = std::filesystem::file_size(file, ec);
    if (ec || size > kMaxCoverBytes) {
        error = "it is larger than 8 MiB; players show a few hundred pixels, so 1400x1400 is plenty";
        return false;
    }
    std::ifstream in(file, std::ios::binary);
    bytes.assign(headOnly ? std::min<std::uintmax_t>(size, 8) : size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        error = "it cannot be read";
        return false;
    }
    if (bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
        mime = "image/png";
    } else if (bytes.compare(0, 3, "\xFF\xD8\xFF") == 0) {
        mime = "image/jpeg";
    } else {
        error = "it is not a PNG or JPEG picture";
        return false;
    }
    return true;
}

}  // namespace

std::string coverProblem(const std::filesystem::path& file) {
    std::string bytes, mime, error;
    return readCover(file, bytes, mime, error, true) ? std::string() : error;
}

bool readCover(const std::filesystem::path& file, std::string& bytes, std::string& mime, std::string& error) {
    return readCover(file, bytes, mime, error, false);
}

std::string chapterTime(long long ms) {
    char text[32];
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld.%03lld", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
    return text;
}

bool writeFileTags(const std::filesystem::path& file, SoundFileFormat format, const FileTags& tags, std::string& error) {
    switch (format) {
        case SoundFileFormat::Wav:
            return true;
        case SoundFileFormat::Mp3:
            return tagMp3(file, tags, error);
        case SoundFileFormat::Flac: {
            TagLib::FLAC::File flac(file.c_str(), false);
            // FLAC keeps its picture in a block of its own, beside the comments.
            if (flac.isValid() && !tags.picture.empty()) flac.addPicture(frontCover(tags));
            return tagXiph(flac, flac.isValid() ? flac.xiphComment(true) : nullptr, tags, error, false);
        }
        case SoundFileFormat::Ogg: {
            TagLib::Ogg::Vorbis::File ogg(file.c_str(), false);
            return tagXiph(ogg, ogg.isValid() ? ogg.tag() : nullptr, tags, error);
        }
        case SoundFileFormat::Opus: {
            TagLib::Ogg::Opus::File opus(file.c_str(), false);
            return tagXiph(opus, opus.isValid() ? opus.tag() : nullptr, tags, error);
        }
    }
    return true;
}

}  // namespace kindly
