#include "ui/LibraryScreen.hpp"

#include "platform/Language.hpp"

#include <algorithm>
#include <cstdlib>

#include "sources/BuiltinSounds.hpp"

namespace kindly::ui {
namespace {

constexpr double kRowHeight = 82;  // units
constexpr double kChipsTop = 90;
constexpr double kChipRow = 44;
constexpr int kMaxChipRows = 2;

struct Chip {
    int tag;  // -1: "All"
    SDL_Rect rect;
};

/// The tag chips, wrapped onto at most two rows (a tag that does not fit is still reached
/// with the `t` key); and where the list starts below them.
std::vector<Chip> layoutChips(Canvas& c, const std::vector<std::string>& tags, int& listTop) {
    std::vector<Chip> chips;
    const int m = c.u(24), w = c.size().x, chipH = c.u(36);
    int x = m, row = 0;
    for (int i = -1; i < static_cast<int>(tags.size()); ++i) {
        const std::string label = i < 0 ? tr("All") : tags[static_cast<std::size_t>(i)];
        const int width = c.texts().measure(label, c.u(15), false).x + c.u(28);
        if (x + width > w - m) {
            if (row + 1 >= kMaxChipRows) break;
            ++row;
            x = m;
        }
        chips.push_back({i, {x, c.u(kChipsTop) - c.u(24) + m + row * c.u(kChipRow), width, chipH}});
        x += width + c.u(10);
    }
    listTop = (chips.empty() ? c.u(kChipsTop) : chips.back().rect.y + chipH) + c.u(14);
    return chips;
}

std::string joinTags(const std::vector<std::string>& tags) {
    std::string text;
    for (const auto& t : tags) text += (text.empty() ? "" : "  ·  ") + t;
    return text;
}

std::string lengthLabel(Nanos n) {
    const Nanos minutes = n / kNanosPerMinute;
    if (n % kNanosPerMinute == 0) return format(tr("%lld min"), static_cast<long long>(minutes));
    return formatClockSeconds(n);
}

}  // namespace

int libraryRowsThatFit(Canvas& c, const LibraryView& v) {
    int top = 0;
    layoutChips(c, v.tags, top);
    return std::max(1, (c.size().y - top - c.u(24)) / c.u(kRowHeight));
}

std::vector<int> filterEntries(const std::vector<LibraryEntry>& entries, const std::string& tag) {
    std::vector<int> kept;
    for (std::size_t i = 0; i < entries.size(); ++i)
        if (tag.empty() || std::find(entries[i].tags.begin(), entries[i].tags.end(), tag) != entries[i].tags.end())
            kept.push_back(static_cast<int>(i));
    return kept;
}

std::vector<Control> drawLibrary(Canvas& c, const LibraryView& v) {
    std::vector<Control> controls;
    c.clear();
    const Palette& p = c.palette();
    const int w = c.size().x, m = c.u(24);

    c.text("Kindly", {m, m, w / 2, c.u(34)}, c.u(28), p.text, Align::Start, Align::Center, true);
    c.text(tr("Choose a practice"), {m, m + c.u(34), w / 2, c.u(22)}, c.u(16), p.muted);
    // The buttons grow with their words (longer in some languages than in English).
    const auto widthFor = [&](const char* label, int least) {
        return std::max(c.u(least), c.texts().measure(label, c.u(16), true).x + c.u(28));
    };
    const int contrastWidth = widthFor(tr("Contrast"), 110), aboutWidth = widthFor(tr("About"), 100);
    const SDL_Rect contrast{w - m - contrastWidth, m, contrastWidth, c.u(40)};
    drawButton(c, contrast, tr("Contrast"), false, v.focus == Act::ToggleContrast);
    const SDL_Rect about{contrast.x - c.u(10) - aboutWidth, m, aboutWidth, c.u(40)};
    drawButton(c, about, tr("About"), false, v.focus == Act::OpenAbout);

    // Tags: "All" and each tag, as chips.
    int top = 0;
    for (const Chip& chip : layoutChips(c, v.tags, top)) {
        const std::string label = chip.tag < 0 ? tr("All") : v.tags[static_cast<std::size_t>(chip.tag)];
        const bool on = v.tag == chip.tag;
        const int radius = chip.rect.h / 2;
        c.roundRect(chip.rect, radius, on ? p.accent : p.surface);
        if (!on && p.surface.r == p.background.r && p.surface.g == p.background.g)
            c.roundOutline(chip.rect, radius, std::max(1, c.u(1.5)), p.muted);
        c.text(label, chip.rect, c.u(15), on ? p.accentText : p.text, Align::Center);
        const Action action{Act::ChooseTag, chip.tag};
        if (v.focus == action) drawFocus(c, chip.rect);
        controls.push_back({Control::Kind::Button, action, chip.rect, 0});
    }

    // The list.
    const int rowH = c.u(kRowHeight);
    const int rows = libraryRowsThatFit(c, v);
    if (v.visible.empty()) {
        c.text(v.entries->empty() ? tr("No session scripts found.") : tr("No sessions with this tag."), {m, top, w - 2 * m, rowH},
               c.u(18), p.muted, Align::Center);
    }
    for (int r = 0; r < rows && v.scroll + r < static_cast<int>(v.visible.size()); ++r) {
        const int index = v.visible[static_cast<std::size_t>(v.scroll) + static_cast<std::size_t>(r)];
        const LibraryEntry& e = (*v.entries)[static_cast<std::size_t>(index)];
        const bool selected = v.scroll + r == v.selected;
        const SDL_Rect card{m, top + r * rowH, w - 2 * m, rowH - c.u(10)};
        c.roundRect(card, c.u(12), p.surface);
        if (selected) c.roundOutline(card, c.u(12), std::max(2, c.u(2)), p.accent);
        else if (p.surface.r == p.background.r && p.surface.g == p.background.g)
            c.roundOutline(card, c.u(12), 1, p.muted);
        const int pad = c.u(16);
        const std::string length = e.lengthText();
        const int lengthWidth = c.texts().measure(length.empty() ? " " : length, c.u(16), false).x;
        const int textWidth = card.w - 2 * pad - lengthWidth - c.u(16);
        c.text(c.texts().fit(e.title, c.u(19), true, textWidth), {card.x + pad, card.y + c.u(8), textWidth, c.u(26)}, c.u(19),
               p.text, Align::Start, Align::Center, true);
        c.text(length, {card.x + card.w - pad - lengthWidth, card.y + c.u(8), lengthWidth, c.u(26)}, c.u(16), p.muted,
               Align::End);
        if (e.checked && !e.valid) {
            c.text(c.texts().fit(format(tr("Cannot play: %s"), e.problem.c_str()), c.u(14), false, card.w - 2 * pad),
                   {card.x + pad, card.y + c.u(36), card.w - 2 * pad, c.u(20)}, c.u(14), p.warning);
        } else {
            c.text(c.texts().fit(e.description, c.u(14), false, card.w - 2 * pad),
                   {card.x + pad, card.y + c.u(36), card.w - 2 * pad, c.u(20)}, c.u(14), p.muted);
        }
        // The session's language first, by its own name, then its tags.
        std::vector<std::string> words{languageName(e.language)};
        words.insert(words.end(), e.tags.begin(), e.tags.end());
        c.text(c.texts().fit(joinTags(words), c.u(12), false, card.w - 2 * pad),
               {card.x + pad, card.y + c.u(54), card.w - 2 * pad, c.u(16)}, c.u(12), p.accent);
        if (v.focus == Action{Act::OpenEntry, index}) drawFocus(c, card);
        controls.push_back({Control::Kind::Button, {Act::OpenEntry, index}, card, 0});
    }
    if (v.scroll + rows < static_cast<int>(v.visible.size()))
        c.text(tr("more below"), {m, c.size().y - c.u(22), w - 2 * m, c.u(18)}, c.u(12), p.muted, Align::Center);
    controls.push_back({Control::Kind::Button, Act::OpenAbout, about, 0});
    controls.push_back({Control::Kind::Button, Act::ToggleContrast, contrast, 0});

    if (v.showingAbout) {
        // A sheet over the library: who made what Kindly plays (CC BY asks for this credit).
        SDL_Color shade = p.background;
        shade.a = 245;
        c.fill({0, 0, w, c.size().y}, shade);
        const int h = c.size().y;
        c.text(tr("About and credits"), {m, m, w - 2 * m, c.u(36)}, c.u(24), p.text, Align::Center, Align::Center, true);
        c.text(tr("Kindly plays guided self-compassion practice. Its ambient beds are field recordings, with thanks to:"),
               {m, m + c.u(44), w - 2 * m, c.u(44)}, c.u(15), p.muted, Align::Center, Align::Center, false, true);
        const auto lines = soundCreditLines();
        const int closeH = c.u(48);
        const int listTop = m + c.u(96), listBottom = h - m - closeH - c.u(50);
        const int lineH = std::max(c.u(18), (listBottom - listTop) / std::max<int>(1, static_cast<int>(lines.size())));
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const SDL_Rect row{m, listTop + static_cast<int>(i) * lineH, w - 2 * m, lineH};
            c.text(lines[i], row, c.u(14), p.text, Align::Center, Align::Center, false, true);
        }
        c.text(tr("Bells, the stream bed and the noises are synthesized by Kindly. Speech: flite (CMU), eSpeak NG, Festival "
                  "with the HTS voice cmu_us_slt_arctic. `kindly --credits` prints this list."),
               {m, listBottom + c.u(4), w - 2 * m, c.u(44)}, c.u(13), p.muted, Align::Center, Align::Center, false, true);
        const SDL_Rect close{w / 2 - c.u(80), h - m - closeH, c.u(160), closeH};
        drawButton(c, close, tr("Back"), false, v.focus == Act::CloseAbout);
        return {{Control::Kind::Button, Act::CloseAbout, close, 0}};  // only the sheet can be pressed while it is open
    }

    if (v.choosingLength) {
        // A sheet over the lower part of the screen: how long today?
        SDL_Color shade = p.background;
        shade.a = 240;
        c.fill({0, 0, w, c.size().y}, shade);
        const LibraryEntry& e = (*v.entries)[static_cast<std::size_t>(v.visible[static_cast<std::size_t>(v.selected)])];
        const int h = c.size().y;
        c.text(e.title, {m, h / 4 - c.u(40), w - 2 * m, c.u(36)}, c.u(24), p.text, Align::Center, Align::Center, true);
        c.text(tr("How long would you like to practise?"), {m, h / 4, w - 2 * m, c.u(28)}, c.u(18), p.muted, Align::Center);
        std::vector<Control> choices;
        const int bw = c.u(110), gap = c.u(14);
        int bx = w / 2 - (static_cast<int>(v.lengths.size()) * (bw + gap) - gap) / 2;
        for (std::size_t i = 0; i < v.lengths.size(); ++i) {
            const SDL_Rect r{bx, h / 2 - c.u(30), bw, c.u(60)};
            const Action action{Act::ChooseLength, static_cast<int>(i)};
            drawButton(c, r, lengthLabel(v.lengths[i]), static_cast<int>(i) == v.length, v.focus == action);
            choices.push_back({Control::Kind::Button, action, r, 0});
            bx += bw + gap;
        }
        const SDL_Rect cancel{w / 2 - c.u(80), h / 2 + c.u(60), c.u(160), c.u(48)};
        drawButton(c, cancel, tr("Back"), false, v.focus == Act::CancelLength);
        choices.push_back({Control::Kind::Button, Act::CancelLength, cancel, 0});
        return choices;  // only the sheet can be pressed while it is open
    }
    return controls;
}

// --- The screen's state and input ------------------------------------------------------------

void LibraryScreen::setEntries(std::vector<LibraryEntry> entries) {
    entries_ = std::move(entries);
    view_.tags = allTags(entries_, currentLanguage());
    refilter();
}

void LibraryScreen::updateEntry(LibraryEntry checked) {
    for (auto& e : entries_)
        if (e.file == checked.file) {
            e = std::move(checked);
            ++checkedCount_;
            return;
        }
}

bool LibraryScreen::allChecked() const {
    return std::all_of(entries_.begin(), entries_.end(), [](const LibraryEntry& e) { return e.checked; });
}

std::string LibraryScreen::problemText(int entry) const {
    if (entry < 0 || entry >= static_cast<int>(entries_.size())) return {};
    const LibraryEntry& e = entries_[static_cast<std::size_t>(entry)];
    return format(tr("%s cannot play."), e.title.c_str()) + "\n" + e.problem + "\n" +
           format(tr("Run `kindly check %s` for every detail."), e.file.c_str());
}

void LibraryScreen::refilter() {
    const std::string tag = view_.tag >= 0 ? view_.tags[static_cast<std::size_t>(view_.tag)] : "";
    view_.visible = filterEntries(entries_, tag);
    view_.selected = std::clamp(view_.selected, 0, std::max(0, static_cast<int>(view_.visible.size()) - 1));
    view_.scroll = 0;
    view_.choosingLength = false;
}

Action LibraryScreen::choose(int visibleIndex) {
    if (visibleIndex < 0 || visibleIndex >= static_cast<int>(view_.visible.size())) return {};
    view_.selected = visibleIndex;
    const int index = view_.visible[static_cast<std::size_t>(visibleIndex)];
    const LibraryEntry& entry = entries_[static_cast<std::size_t>(index)];
    if (entry.checked && !entry.valid) return {Act::ShowProblem, index};
    const auto lengths = entry.checked ? entry.offeredLengths() : std::vector<Nanos>{};
    chosenLength_.reset();
    if (lengths.size() <= 1) return {Act::PlayEntry, index};
    view_.choosingLength = true;
    view_.lengths = lengths;
    // Start on the script's own length, or the nearest offer to it.
    view_.length = 0;
    for (std::size_t i = 0; i < lengths.size(); ++i)
        if (std::llabs(lengths[i] - entry.length) < std::llabs(lengths[static_cast<std::size_t>(view_.length)] - entry.length))
            view_.length = static_cast<int>(i);
    return {};
}

Action LibraryScreen::act(const Action& a) {
    switch (a.kind) {
        case Act::OpenEntry: {
            const auto found = std::find(view_.visible.begin(), view_.visible.end(), a.index);
            return found == view_.visible.end() ? Action{} : choose(static_cast<int>(found - view_.visible.begin()));
        }
        case Act::ChooseLength:
            if (a.index < 0 || a.index >= static_cast<int>(view_.lengths.size()) || view_.visible.empty()) return {};
            view_.length = a.index;
            view_.choosingLength = false;
            chosenLength_ = view_.lengths[static_cast<std::size_t>(a.index)];
            return {Act::PlayEntry, view_.visible[static_cast<std::size_t>(view_.selected)]};
        case Act::CancelLength: view_.choosingLength = false; return {};
        case Act::OpenAbout: view_.showingAbout = true; return {};
        case Act::CloseAbout: view_.showingAbout = false; return {};
        case Act::ChooseTag:
            view_.tag = a.index;
            refilter();
            return {};
        default: return a;
    }
}

Action LibraryScreen::key(SDL_Keycode code, Uint16 /*mod*/, ControlSet& controls) {
    if (view_.showingAbout) {
        if (code == SDLK_ESCAPE || code == SDLK_BACKSPACE || isConfirmKey(code)) {
            controls.clearFocus();
            return Act::CloseAbout;
        }
        return {};
    }
    if (view_.choosingLength) {
        const int n = static_cast<int>(view_.lengths.size());
        if (code == SDLK_LEFT) view_.length = std::max(0, view_.length - 1);
        else if (code == SDLK_RIGHT) view_.length = std::min(n - 1, view_.length + 1);
        else if (code == SDLK_ESCAPE || code == SDLK_BACKSPACE) return Act::CancelLength;
        else if (isConfirmKey(code)) return controls.focus() ? controls.focus() : Action{Act::ChooseLength, view_.length};
        return {};
    }
    const int count = static_cast<int>(view_.visible.size());
    reveal_ = true;
    switch (code) {
        case SDLK_UP: view_.selected = std::max(0, view_.selected - 1); break;
        case SDLK_DOWN: view_.selected = std::min(std::max(0, count - 1), view_.selected + 1); break;
        case SDLK_HOME: view_.selected = 0; break;
        case SDLK_END: view_.selected = std::max(0, count - 1); break;
        case SDLK_t:
            view_.tag = view_.tag + 1 >= static_cast<int>(view_.tags.size()) ? -1 : view_.tag + 1;
            refilter();
            break;
        case SDLK_RETURN:
        case SDLK_KP_ENTER:
        case SDLK_SPACE:
            if (controls.focus()) return controls.focus();
            return choose(view_.selected);
        case SDLK_ESCAPE: controls.clearFocus(); break;
        default: break;
    }
    return {};
}

Action LibraryScreen::wheel(int dy, SDL_Point /*at*/, const ControlSet& /*controls*/) {
    if (view_.choosingLength || view_.showingAbout) return {};
    const int count = static_cast<int>(view_.visible.size());
    view_.scroll = std::clamp(view_.scroll - dy, 0, std::max(0, count - 1));
    return {};
}

std::vector<Control> LibraryScreen::draw(Canvas& canvas, Action focus) {
    if (reveal_) {  // keep the selection on screen after the keys moved it
        reveal_ = false;
        const int fit = libraryRowsThatFit(canvas, view_);
        if (view_.selected < view_.scroll) view_.scroll = view_.selected;
        if (view_.selected >= view_.scroll + fit) view_.scroll = view_.selected - fit + 1;
    }
    view_.focus = focus;
    return drawLibrary(canvas, view_);
}

std::string LibraryScreen::viewKey(const Canvas& /*canvas*/) const {
    return std::to_string(checkedCount_) + "|" + std::to_string(view_.selected) + "|" + std::to_string(view_.scroll) + "|" +
           std::to_string(view_.tag) + "|" + std::to_string(view_.choosingLength) + "|" + std::to_string(view_.length) + "|" +
           std::to_string(view_.showingAbout);
}

}  // namespace kindly::ui
