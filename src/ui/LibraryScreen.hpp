#pragma once
// The library screen: every session with its title, length (or range), description and tags;
// a row of tags to filter by; scripts that cannot play are listed with the reason; the
// "About and credits" sheet; after an elastic session is chosen, a row of lengths to pick from.
// It owns its input: keys and the controls it drew become PlayEntry or ShowProblem for the window.

#include <optional>
#include <string>
#include <vector>

#include "library/Library.hpp"
#include "ui/Screen.hpp"

namespace kindly::ui {

struct LibraryView {
    const std::vector<LibraryEntry>* entries = nullptr;
    std::vector<std::string> tags;
    int tag = -1;              ///< the chosen tag filter, -1 for all
    std::vector<int> visible;  ///< entries shown, after the filter
    int selected = 0;          ///< index into visible
    int scroll = 0;            ///< first row shown
    Action focus;
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

class LibraryScreen final : public Screen {
public:
    LibraryScreen() { view_.entries = &entries_; }
    ScreenId id() const override { return ScreenId::Library; }

    /// The scan's list (unchecked); then each entry as it is checked.
    void setEntries(std::vector<LibraryEntry> entries);
    void updateEntry(LibraryEntry checked);
    const std::vector<LibraryEntry>& entries() const { return entries_; }
    /// Each entry checked (lengths known, problems found).
    bool allChecked() const;
    /// The length chosen in the length row for the last PlayEntry (nullopt: the script's own).
    std::optional<Nanos> chosenLength() const { return chosenLength_; }
    /// Why the entry of a ShowProblem cannot play, in words for the listener.
    std::string problemText(int entry) const;

    std::vector<Control> draw(Canvas& canvas, Action focus) override;
    Action key(SDL_Keycode code, Uint16 mod, ControlSet& controls) override;
    Action wheel(int dy, SDL_Point at, const ControlSet& controls) override;
    Action act(const Action& action) override;
    std::string viewKey(const Canvas& canvas) const override;

private:
    Action choose(int visibleIndex);
    void refilter();

    std::vector<LibraryEntry> entries_;
    LibraryView view_;
    int checkedCount_ = 0;
    bool reveal_ = false;  ///< keep the selection on screen at the next draw
    std::optional<Nanos> chosenLength_;
};

}  // namespace kindly::ui
