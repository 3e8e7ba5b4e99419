// Tests read many JSON bodies and assert on their shape; typing each one would only repeat the assertions.
declare global {
  interface Response {
    json(): Promise<any>
  }
}

export {}
