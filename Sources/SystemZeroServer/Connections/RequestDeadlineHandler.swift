import NIOCore

/// The first handler of a connection's pipeline (after TLS), where it sees the bytes as they arrive: a request's head
/// must be complete within the header timeout of its first byte, and its body within the body timeout of the head;
/// a connection that misses either is closed. ``RequestProgressHandler``, after the HTTP decoder, tells it where each
/// request stands.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum Phase {
        /// Between requests: the next byte starts the header deadline.
        case waiting
        case readingHead
        case readingBody
        /// The request is read; its response is being made.
        case responding
    }

    private let limits: ConnectionLimits
    private var phase = Phase.waiting
    private var deadline: Scheduled<Void>?

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if phase == .waiting, unwrapInboundIn(data).readableBytes > 0 {
            phase = .readingHead
            arm(limits.headerTimeout, context: context)
        }
        context.fireChannelRead(data)
    }

    func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
        guard let progress = event as? RequestProgress else {
            context.triggerUserOutboundEvent(event, promise: promise)
            return
        }
        switch progress {
        case .headRead:
            phase = .readingBody
            arm(limits.bodyTimeout, context: context)
        case .requestRead:
            phase = .responding
            disarm()
        case .responseWritten:
            // A response written before its request was read in full (an early 413, say) leaves the body deadline on.
            if phase == .responding { phase = .waiting }
        }
        promise?.succeed()
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
    }

    private func arm(_ timeout: Duration, context: ChannelHandlerContext) {
        disarm()
        let channel = context.channel
        deadline = context.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
    }

    private func disarm() {
        deadline?.cancel()
        deadline = nil
    }
}

/// Where a request stands, sent by ``RequestProgressHandler`` to ``RequestDeadlineHandler`` as an outbound user event.
enum RequestProgress: Sendable {
    case headRead
    case requestRead
    case responseWritten
}
