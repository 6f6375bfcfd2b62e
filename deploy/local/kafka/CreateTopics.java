import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics of docs/events.md that do not exist yet. Run with the broker's own jars
 * (java -cp "libs/*" CreateTopics.java BOOTSTRAP topics.txt): kafka-tools 4.4.0 is not on
 * Maven Central, and the admin client is all this needs.
 * Each line of the topics file: NAME PARTITIONS [key=value ...]; '#' starts a comment.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(args[1]))) {
                String spec = line.replaceAll("#.*", "").trim();
                if (spec.isEmpty()) {
                    continue;
                }
                String[] parts = spec.split("\\s+");
                if (existing.contains(parts[0])) {
                    continue;
                }
                Map<String, String> configs = new java.util.HashMap<>();
                for (int i = 2; i < parts.length; i++) {
                    String[] kv = parts[i].split("=", 2);
                    configs.put(kv[0], kv[1]);
                }
                wanted.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1).configs(configs));
            }
            admin.createTopics(wanted).all().get(60, TimeUnit.SECONDS);
            System.out.println("topics created: " + wanted.size() + ", already there: " + existing.size());
        }
    }
}
