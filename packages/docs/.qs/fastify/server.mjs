import Fastify from 'fastify';
import portcullis from '@portcullis/fastify';

const app = Fastify();
await app.register(portcullis, { origin: ['https://myapp.es'], credentials: true });
app.get('/api/hello', async () => ({ hello: 'world' }));
await app.listen({ port: 38113 });
console.log('listening on http://localhost:38113');
