import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the events of TICKETS synthetic tickets of tenant acme as ticket-service would (created,
 * customer message, agent reply, solved; every fifth reopened) and prints how many.
 *   java -cp "kafka/libs/*" Publish.java BOOTSTRAP TOPIC TICKETS
 */
public class Publish {
    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", args[0]);
        p.put("acks", "all");
        p.put("linger.ms", "5");
        String topic = args[1];
        int tickets = Integer.parseInt(args[2]);
        AtomicLong sent = new AtomicLong();
        Instant day = Instant.parse("2026-10-15T00:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < tickets; i++) {
                String id = UUID.randomUUID().toString();
                Instant created = day.plusSeconds(i * 3L);
                Instant reply = created.plusSeconds(60L * (i % 50 + 1));
                Instant solved = reply.plusSeconds(3600);
                send(producer, topic, id, "pharos.ticket.created", "{\"ticket\":" + ticket(id, i, "new", created, created) + "}", sent);
                send(producer, topic, id, "pharos.ticket.message.added", "{\"ticket\":" + ticket(id, i, "new", created, created)
                        + ",\"message\":" + message("customer", created) + "}", sent);
                send(producer, topic, id, "pharos.ticket.message.added", "{\"ticket\":" + ticket(id, i, "open", created, reply)
                        + ",\"message\":" + message("agent", reply) + "}", sent);
                send(producer, topic, id, "pharos.ticket.status.changed", "{\"ticket\":" + ticket(id, i, "solved", created, solved)
                        + ",\"previousStatus\":\"open\",\"status\":\"solved\",\"changedAt\":\"" + solved + "\"}", sent);
                if (i % 5 == 0) {
                    Instant back = solved.plusSeconds(600);
                    send(producer, topic, id, "pharos.ticket.status.changed", "{\"ticket\":" + ticket(id, i, "open", created, back)
                            + ",\"previousStatus\":\"solved\",\"status\":\"open\",\"changedAt\":\"" + back + "\"}", sent);
                }
            }
            producer.flush();
        }
        System.out.println(sent.get());
    }

    static void send(KafkaProducer<String, String> producer, String topic, String key, String type, String data, AtomicLong sent) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"//pharos/ticket-service\",\"type\":\"" + type
                + "\",\"subject\":\"" + key + "\",\"time\":\"" + Instant.now() + "\",\"datacontenttype\":\"application/json\","
                + "\"tenant\":\"acme\",\"data\":" + data + "}";
        producer.send(new ProducerRecord<>(topic, key, event));
        sent.incrementAndGet();
    }

    static String ticket(String id, int n, String status, Instant created, Instant updated) {
        String[] channels = { "email", "chat", "sms", "whatsapp", "telegram", "messenger", "instagram", "form", "phone" };
        return "{\"id\":\"" + id + "\",\"number\":" + n + ",\"status\":\"" + status + "\",\"priority\":\"normal\",\"channel\":\""
                + channels[n % channels.length] + "\",\"requesterId\":\"" + UUID.randomUUID() + "\",\"assigneeId\":\"agent-" + (n % 60 + 1)
                + "\",\"team\":\"team-" + (n % 6) + "\",\"createdAt\":\"" + created + "\",\"updatedAt\":\"" + updated + "\",\"reopenCount\":0}";
    }

    static String message(String author, Instant at) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"authorKind\":\"" + author + "\",\"visibility\":\"public\",\"createdAt\":\"" + at + "\"}";
    }
}
