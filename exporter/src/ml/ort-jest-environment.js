// Jest runs tests in a separate realm whose typed-array classes differ from Node's own, while
// onnxruntime-node's native binding returns Node's Float32Array and onnxruntime-common checks
// `instanceof`: tests that run real ONNX sessions share Node's typed-array classes instead.
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Uint8Array',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

class OrtEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OrtEnvironment;
