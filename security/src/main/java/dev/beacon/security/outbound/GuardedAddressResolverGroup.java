package dev.beacon.security.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.scheduler.Schedulers;

/**
 * Name resolution that applies the {@link OutboundAddressGuard} to the very addresses it
 * connects to, so a host that passes the check and then re-resolves elsewhere (DNS
 * rebinding) is still refused. Lookups block, so they run off the event loop.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final OutboundAddressGuard guard;

	GuardedAddressResolverGroup(OutboundAddressGuard guard) {
		this.guard = guard;
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new GuardedNameResolver(executor, this.guard).asAddressResolver();
	}

	private static final class GuardedNameResolver extends InetNameResolver {

		private final OutboundAddressGuard guard;

		GuardedNameResolver(EventExecutor executor, OutboundAddressGuard guard) {
			super(executor);
			this.guard = guard;
		}

		@Override
		protected void doResolve(String host, Promise<InetAddress> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(this.guard.resolve(host).get(0));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

		@Override
		protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(this.guard.resolve(host));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

	}

}
