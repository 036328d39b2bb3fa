package dev.spindle.examples;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that make a process one node of a cluster example ({@code cache}, {@code courses},
 * {@code imagefarm}): {@code --node I --members HOST:PORT,...}. A picocli {@code @Mixin}: the
 * example that mixes it in lists these flags in its {@code --help}.
 */
public final class NodeFlags {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec example;

    @Option(names = "--node", paramLabel = "I",
            description = "run only node I, in this process: its member is the I-th address of --members")
    private Integer node;

    @Option(names = "--members", paramLabel = "HOST:PORT", split = ",", converter = FlagTypes.Member.class,
            description = "every member's address, with --node (default: as many as --nodes on 127.0.0.1, "
                    + "from --cluster-port)")
    private List<String> members;

    /**
     * Returns whether {@code --node} was given: this process is one node of a cluster of processes.
     *
     * @return whether {@code --node} was given
     */
    public boolean given() {
        return node != null;
    }

    /**
     * Returns {@code I} of {@code --node I}, 1 if it was not given.
     *
     * @return the node's position in {@link #members}
     */
    public int index() {
        return node == null ? 1 : node;
    }

    /**
     * Returns the members' addresses: {@code --members}, or {@code n} ports on loopback from
     * {@code firstPort}.
     *
     * @param firstPort the first port when {@code --members} is not given
     * @param n how many when {@code --members} is not given
     * @return every member's {@code host:port}
     */
    public List<String> members(int firstPort, int n) {
        return members != null ? members : LocalCluster.addresses(firstPort, n);
    }

    /**
     * Returns this node's own address: the {@link #index()}-th of {@code all}.
     *
     * @param all every member's address, from {@link #members}
     * @return this node's {@code host:port}
     * @throws ParameterException if {@code --node} is not a position in {@code all}
     */
    public String own(List<String> all) {
        if (index() < 1 || index() > all.size()) {
            throw new ParameterException(example.commandLine(), "--node " + index() + " is not in 1.." + all.size()
                    + " (the position of this node's address in --members)");
        }
        return all.get(index() - 1);
    }
}
