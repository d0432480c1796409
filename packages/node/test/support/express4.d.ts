// Express 4, installed as `express4` (npm:express@4): the same API as Express 5 where these
// tests use it, so Express 5's declarations describe it.
declare module 'express4' {
  import express from 'express';
  export default express;
}
