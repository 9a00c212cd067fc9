using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;

namespace DvcGrains.Server.Edge;

/// <summary>
/// A compressed gRPC message is bounded by what it inflates to, not only by what it weighs on the wire: the framework
/// checks the compressed length alone, so a 64 KiB message of zeros would inflate to tens of megabytes before any
/// handler could refuse it. Each of the framework's encodings (gzip, deflate) inflates here at most the gRPC bound
/// (<see cref="Hosting.DvcServer.MaxRequestBytes"/>); beyond it the call is refused as the framework refuses a message too large,
/// which <see cref="GrpcRefusals"/> answers as INVALID_ARGUMENT.
/// </summary>
public sealed class BoundedDecompression(ICompressionProvider encoding, int maxBytes) : ICompressionProvider
{
    public static IList<ICompressionProvider> Encodings(int maxBytes) =>
    [
        new BoundedDecompression(new GzipCompressionProvider(CompressionLevel.Fastest), maxBytes),
        new BoundedDecompression(new DeflateCompressionProvider(CompressionLevel.Fastest), maxBytes),
    ];

    public string EncodingName => encoding.EncodingName;

    public Stream CreateCompressionStream(Stream stream, CompressionLevel? compressionLevel) => encoding.CreateCompressionStream(stream, compressionLevel);

    public Stream CreateDecompressionStream(Stream stream) => new Inflated(encoding.CreateDecompressionStream(stream), maxBytes);

    /// <summary>What a decompression stream gives, up to <c>maxBytes</c>.</summary>
    private sealed class Inflated(Stream inflating, int maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inflating.Read(buffer);
            _read += read;
            if (_read > maxBytes)
            {
                // The framework's own status for a message over its bound, which the edge answers as bad input.
                throw new RpcException(new Status(StatusCode.ResourceExhausted, $"The message inflates to more than {maxBytes} bytes."));
            }
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inflating.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
