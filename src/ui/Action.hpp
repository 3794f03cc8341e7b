#pragma once
// What a person asked for by pressing a control or a key, in one typed space for every screen
// of every window (the library, the player, the kiosk's screens, the recorder): a control on
// screen carries the action it stands for, so two screens' controls can never be confused.

#include <ostream>

namespace kindly::ui {

enum class Act {
    None,
    // Every window.
    ToggleContrast,
    Back,  ///< leave this screen: the player or a problem to the library (or a kiosk's home)
    // The library.
    OpenEntry,       ///< index: the entry (into the library's entries)
    ChooseTag,       ///< index: the tag, -1 for all
    ChooseLength,    ///< index: the offered length
    CancelLength,
    OpenAbout,
    CloseAbout,
    PlayEntry,       ///< index: the entry, value: the length in seconds (0: the script's own)
    ShowProblem,     ///< index: the entry that cannot play
    // The player.
    PlayPause,
    StepBack,
    StepForward,
    ChapterBack,
    ChapterForward,
    SetVoice,        ///< value: 0..1
    SetAmbient,      ///< value: 0..1
    NudgeVoice,      ///< value: the change
    NudgeAmbient,    ///< value: the change
    Continue,        ///< after a `wait` step
    Resume,          ///< "Continue from m:ss"
    PlayAgain,
    Restart,
    // The kiosk.
    StartKioskSession,  ///< index: the config's session
    SkipBreak,
    StartBreakNow,
    PostponeBreak,
    PinDigit,           ///< index: the digit
    PinErase,
    PinOk,
    PinCancel,
    // The recorder.
    RecordOrStop,
    KeepTake,
    RedoTake,
    SkipStep,
};

struct Action {
    Act kind = Act::None;
    int index = 0;
    double value = 0;

    constexpr Action() = default;
    constexpr Action(Act k, int i = 0, double v = 0) : kind(k), index(i), value(v) {}  // NOLINT: implicit from Act
    explicit constexpr operator bool() const { return kind != Act::None; }
    /// The same control: kind and index (a slider's value is not part of what it is).
    friend constexpr bool operator==(const Action& a, const Action& b) { return a.kind == b.kind && a.index == b.index; }
};

inline std::ostream& operator<<(std::ostream& out, const Action& a) {
    return out << "action " << static_cast<int>(a.kind) << "/" << a.index;
}

}  // namespace kindly::ui
