#pragma once
// What the recorder records from: mono float samples at kRate, drained by the UI thread. The
// real one is Capture (PortAudio); tests hand RecordingFlow one they feed themselves.

#include <string>
#include <vector>

namespace kindly {

class Microphone {
public:
    static constexpr int kRate = 48000;

    virtual ~Microphone() = default;
    /// Opens and starts the input: `device` a name (or part of one) or an index; empty: the
    /// default input. False with error() when it cannot.
    virtual bool start(const std::string& device) = 0;
    virtual void stop() = 0;
    /// Moves what was captured since the last call to the end of `take`. UI thread.
    virtual void drain(std::vector<float>& take) = 0;
    virtual const std::string& error() const = 0;
    /// start() failed because no input answers to the name given (a usage error, not a fault).
    virtual bool noSuchDevice() const { return false; }
    /// How many times sound was lost since the input opened (the device overflowed, or the
    /// reader fell behind): a take spanning one has a gap.
    virtual long long dropouts() const { return 0; }
    virtual const std::string& deviceName() const = 0;
};

}  // namespace kindly
