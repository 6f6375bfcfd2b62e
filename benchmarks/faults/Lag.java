import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of the named groups (the running services' own, not their tests'): one line
 * "GROUP LAG" each, LAG summed over the partitions the group has committed on; exit 2 when the
 * broker does not answer. Run with the Kafka jars of the local runtime on the class path:
 *   java -cp '.pharos/cache/kafka-VERSION/libs/*' Lag.java localhost:9092 GROUP...
 */
public class Lag {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "8000");
        try (Admin admin = Admin.create(p)) {
            for (int i = 1; i < args.length; i++) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(args[i])
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                long lag = 0;
                for (var e : committed.entrySet()) {
                    if (e.getValue() != null) {
                        lag += Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset());
                    }
                }
                System.out.println(args[i] + " " + lag);
            }
        } catch (Exception e) {
            System.err.println("lag: " + e);
            System.exit(2);
        }
    }
}
