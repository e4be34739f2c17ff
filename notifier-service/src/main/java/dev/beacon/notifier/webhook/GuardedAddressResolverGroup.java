package dev.beacon.notifier.webhook;

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
 * Name resolution for the webhook client that applies the {@link AddressGuard} to the very
 * addresses it connects to, so a host that passes the check and then re-resolves elsewhere (DNS
 * rebinding) is still refused. Lookups block, so they run off the event loop.
 */
final class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final AddressGuard guard;

	GuardedAddressResolverGroup(AddressGuard guard) {
		this.guard = guard;
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new GuardedNameResolver(executor, this.guard).asAddressResolver();
	}

	private static final class GuardedNameResolver extends InetNameResolver {

		private final AddressGuard guard;

		GuardedNameResolver(EventExecutor executor, AddressGuard guard) {
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
