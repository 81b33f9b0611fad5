using System.Runtime.InteropServices;
using System.Text;

namespace UnitGrains.Postgres.Tests.Network;

/// <summary>
/// A Linux tap device (<c>/dev/net/tun</c>, <c>IFF_TAP | IFF_NO_PI</c>): an Ethernet interface
/// whose frames this process reads and writes. It is not persistent: it disappears when its file
/// descriptor closes, with the process if need be, wherever it was moved to.
/// </summary>
public sealed class TapDevice : IDisposable
{
    private const uint TunSetIff = 0x400454ca;
    private const short IffTap = 0x0002;
    private const short IffNoPi = 0x1000;
    private const int OpenReadWrite = 2;
    private const short PollIn = 1;
    private const int Interrupted = 4;

    private readonly int _fd;
    private int _closed;

    private TapDevice(string name, int fd) => (Name, _fd) = (name, fd);

    public string Name { get; }

    public static TapDevice Create(string name)
    {
        var fd = Native.open("/dev/net/tun", OpenReadWrite);
        if (fd < 0)
        {
            throw new IOException($"open /dev/net/tun: errno {Marshal.GetLastPInvokeError()}");
        }

        // struct ifreq: the name (16 bytes), then the flags.
        var request = new byte[40];
        Encoding.ASCII.GetBytes(name, request);
        BitConverter.TryWriteBytes(request.AsSpan(16), (short)(IffTap | IffNoPi));
        if (Native.ioctl(fd, TunSetIff, request) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            Native.close(fd);
            throw new IOException($"TUNSETIFF {name}: errno {errno}");
        }

        return new TapDevice(name, fd);
    }

    /// <summary>The next frame into <paramref name="buffer"/>: its length, or 0 when none came within <paramref name="timeoutMs"/> (or the device is closed).</summary>
    public int Read(byte[] buffer, int timeoutMs)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            return 0;
        }

        var poll = new PollFd { Fd = _fd, Events = PollIn };
        var ready = Native.poll(ref poll, 1, timeoutMs);
        if (ready <= 0 || (poll.Revents & PollIn) == 0)
        {
            return 0;
        }

        var read = Native.read(_fd, buffer, buffer.Length);
        return read > 0 ? (int)read : 0;
    }

    /// <summary>Hands a frame to the kernel as if it had arrived on the wire; dropped when the device is down or closed.</summary>
    public void Write(byte[] frame, int length)
    {
        if (Volatile.Read(ref _closed) == 0)
        {
            while (Native.write(_fd, frame, length) < 0 && Marshal.GetLastPInvokeError() == Interrupted)
            {
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            Native.close(_fd);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

        [DllImport("libc", SetLastError = true)]
        public static extern int ioctl(int fd, nuint request, byte[] argument);

        [DllImport("libc", SetLastError = true)]
        public static extern int poll(ref PollFd fds, nuint count, int timeoutMs);

        [DllImport("libc", SetLastError = true)]
        public static extern nint read(int fd, byte[] buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern nint write(int fd, byte[] buffer, nint count);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
