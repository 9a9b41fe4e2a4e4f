namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The write side of ffmpeg's <c>unix:</c> input, which holds back the first bytes until <see cref="LeadBytes"/> of them
/// can go in one send. ffmpeg opens every input by reading 10 bytes to look for an ID3v2 tag and then seeking back to
/// the start; ffmpeg 5.1's <c>unix:</c> protocol does not mark its stream as unseekable, so when those 10 bytes arrive in
/// more than one read (frames smaller than 10 bytes, or a first frame cut short) the seek back fails and they are lost:
/// every frame after them is shifted, and the last one comes out short. Bytes sent in one send are read in one read, so
/// holding back the start is enough. A stream that closes with fewer bytes sends them all at once, which ffmpeg reads whole.
/// </summary>
internal sealed class SocketInputStream(Stream socket) : Stream
{
    /// <summary>Comfortably more than the 10 bytes ffmpeg looks at; one page.</summary>
    public const int LeadBytes = 4096;

    private MemoryStream? _lead = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_lead is not null && _lead.Length == 0 && buffer.Length >= LeadBytes)
            _lead = null;
        if (_lead is null)
        {
            socket.Write(buffer);
            return;
        }
        _lead.Write(buffer);
        if (_lead.Length >= LeadBytes)
            SendLead();
    }

    /// <summary>Sends what was written so far, except a start shorter than <see cref="LeadBytes"/>, which waits for more or for the close.</summary>
    public override void Flush()
    {
        if (_lead is null)
            socket.Flush();
    }

    /// <summary>Drops a start not yet sent, so that disposing after ffmpeg was killed does not try to send it.</summary>
    public void Abandon() => _lead = null;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                if (_lead is not null)
                    SendLead();
            }
            finally
            {
                socket.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private void SendLead()
    {
        var lead = _lead!;
        _lead = null;
        if (lead.Length > 0)
            socket.Write(lead.GetBuffer().AsSpan(0, (int)lead.Length));
    }
}
