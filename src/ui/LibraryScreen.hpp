#pragma once
// The library screen: every session with its title, length (or range), description and tags;
// a row of tags to filter by; scripts that cannot play are listed with the reason. After an
// elastic session is chosen, a row of lengths to pick from. Drawing only.

#include <string>
#include <vector>

#include "library/Library.hpp"
#include "ui/Canvas.hpp"

namespace kindly::ui {

/// Control ids of the library screen (tags, entries and lengths count up from their base).
enum LibraryControl {
    kLibraryContrast = 20,
    kLengthCancel = 21,
    kLibraryAbout = 22,   ///< "About": the credits sheet
    kAboutClose = 23,
    kTagAll = 100,        ///< "All"; tag i is kTagAll + 1 + i
    kLengthBase = 400,    ///< length choice i
    kEntryBase = 1000,    ///< entry i (an index into the library's entries)
};

struct LibraryView {
    const std::vector<LibraryEntry>* entries = nullptr;
    std::vector<std::string> tags;
    int tag = -1;              ///< the chosen tag filter, -1 for all
    std::vector<int> visible;  ///< entries shown, after the filter
    int selected = 0;          ///< index into visible
    int scroll = 0;            ///< first row shown
    int focus = -1;
    bool choosingLength = false;  ///< the length row for the selected entry is open
    std::vector<Nanos> lengths;
    int length = 0;               ///< index into lengths
    bool showingAbout = false;    ///< the "About and credits" sheet is open
};

std::vector<Control> drawLibrary(Canvas& canvas, const LibraryView& view);

/// How many entry rows fit the canvas (for scrolling with the keyboard).
int libraryRowsThatFit(Canvas& canvas, const LibraryView& view);

/// The entries a tag filter keeps (indices), all when `tag` is empty.
std::vector<int> filterEntries(const std::vector<LibraryEntry>& entries, const std::string& tag);

}  // namespace kindly::ui
