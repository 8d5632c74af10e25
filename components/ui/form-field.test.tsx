import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { FormField } from "./form-field";
import { Input } from "./input";

const render = (element: React.ReactElement) => new MarkupReader(renderToStaticMarkup(element));

/** Just enough HTML reading for these assertions, without a DOM library: attributes of the first matching tag. */
class MarkupReader {
  constructor(readonly html: string) {}
  attributesOf(tag: string, where?: [string, string]): Record<string, string> | null {
    for (const match of this.html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, "g"))) {
      const attributes = Object.fromEntries([...match[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      if (!where || attributes[where[0]] === where[1]) return attributes;
    }
    return null;
  }
  textOf(id: string): string | null {
    const match = new RegExp(`id="${id}"[^>]*>(.*?)</(?:p|div)>`, "s").exec(this.html);
    return match ? match[1]!.replace(/<[^>]+>/g, "") : null;
  }
}

describe("FormField", () => {
  it("ties the label to the control by id", () => {
    const doc = render(
      <FormField name="email" label="メールアドレス">
        <Input name="email" />
      </FormField>,
    );
    expect(doc.attributesOf("label")).toMatchObject({ for: "field-email" });
    const input = doc.attributesOf("input")!;
    expect(input.id).toBe("field-email");
    expect(input["aria-invalid"]).toBeUndefined();
    expect(input["aria-describedby"]).toBeUndefined();
  });

  it("marks the control invalid and points it at the error message", () => {
    const doc = render(
      <FormField name="name" label="企業名" errors={["入力してください。"]} description="正式名称">
        <Input name="name" />
      </FormField>,
    );
    const input = doc.attributesOf("input")!;
    expect(input["aria-invalid"]).toBe("true");
    expect(input["aria-describedby"]).toBe("field-name-description field-name-error");
    expect(doc.textOf("field-name-error")).toBe("入力してください。");
    expect(doc.textOf("field-name-description")).toBe("正式名称");
  });

  it("accepts a single message and marks a required field for assistive technology", () => {
    const doc = render(
      <FormField name="q" label="検索" errors="短すぎます" required requiredLabel="必須">
        <Input name="q" />
      </FormField>,
    );
    expect(doc.attributesOf("input")).toMatchObject({ "aria-invalid": "true", "aria-required": "true" });
    expect(doc.html).toContain("必須");
  });

  it("shows no error for an empty list", () => {
    const doc = render(
      <FormField name="q" label="検索" errors={[]}>
        <Input name="q" />
      </FormField>,
    );
    expect(doc.attributesOf("input")!["aria-invalid"]).toBeUndefined();
    expect(doc.html).not.toContain("field-q-error");
  });
});
