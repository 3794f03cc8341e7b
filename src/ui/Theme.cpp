#include "ui/Theme.hpp"

namespace kindly::ui {

const Palette& calmPalette() {
    // Deep blue-grey night, warm off-white words, a soft sage accent: no pure white or black.
    static const Palette p{
        {22, 27, 38, 255},    // background
        {34, 41, 56, 255},    // surface
        {232, 226, 214, 255}, // text
        {150, 156, 170, 255}, // muted
        {134, 176, 160, 255}, // accent
        {18, 24, 30, 255},    // accentText
        {52, 60, 78, 255},    // track
        {214, 190, 140, 255}, // focus
        {222, 160, 120, 255}, // warning
    };
    return p;
}

const Palette& highContrastPalette() {
    static const Palette p{
        {0, 0, 0, 255},       // background
        {0, 0, 0, 255},       // surface (outlined)
        {255, 255, 255, 255}, // text
        {255, 255, 255, 255}, // muted
        {255, 255, 0, 255},   // accent
        {0, 0, 0, 255},       // accentText
        {110, 110, 110, 255}, // track
        {0, 255, 255, 255},   // focus
        {255, 170, 0, 255},   // warning
    };
    return p;
}

}  // namespace kindly::ui
