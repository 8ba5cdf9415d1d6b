"use client";

import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { createWebhookAction } from "@/lib/webhooks/actions";
import {
  newWebhookSchema,
  WEBHOOK_EVENTS,
  WEBHOOK_URL_MAX,
  type NewWebhookField,
  type WebhookEvent,
} from "@/lib/webhooks/schemas.browser-safe";

import { NewWebhookSecret } from "./new-webhook-secret";

const EVENTS_ERROR_ID = "webhook-events-error";

/** "Add webhook": a URL and the events it receives (all by default); the signing secret is shown once, below. */
export function AddWebhookPanel() {
  const { pending, run } = useAction({ refresh: "on-success" });
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [errors, setErrors] = useState<Partial<Record<NewWebhookField, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [created, setCreated] = useState<{ url: string; secret: string }>();

  function toggle(event: WebhookEvent, checked: boolean) {
    // Kept in the list's order, so what is sent reads like what is shown.
    setEvents(WEBHOOK_EVENTS.filter((each) => (each === event ? checked : events.includes(each))));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    setCreated(undefined);
    // The same schema the command runs: mistakes are explained before anything is sent.
    const parsed = newWebhookSchema.safeParse({ url, events });
    if (!parsed.success) {
      const first = (field: NewWebhookField) => parsed.error.issues.find((issue) => issue.path[0] === field)?.message;
      setErrors({ url: first("url"), events: first("events") });
      return;
    }
    setErrors({});
    const result = await run(() => createWebhookAction(parsed.data));
    if (!result.ok) {
      setErrors(fieldErrorsOf(result));
      setProblem(result.message);
      return;
    }
    setCreated({ url: result.data.webhook.url, secret: result.data.secret });
    setUrl("");
    setEvents([...WEBHOOK_EVENTS]);
  }

  return (
    <section aria-labelledby="add-webhook-heading" className="space-y-4">
      <h2 id="add-webhook-heading" className="text-lg font-semibold">
        Add a webhook
      </h2>
      <form onSubmit={submit} noValidate className="max-w-xl space-y-4">
        <FormField
          id="webhook-url"
          label="URL"
          required
          hint="Where events are posted, e.g. https://hooks.example.com/clickup-credentials."
          error={errors.url}
        >
          {(field) => (
            <input
              {...field}
              type="url"
              className={fieldInputClass}
              value={url}
              maxLength={WEBHOOK_URL_MAX}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setUrl(event.target.value)}
            />
          )}
        </FormField>
        <fieldset className="space-y-2" aria-describedby={errors.events ? EVENTS_ERROR_ID : undefined}>
          <legend className="text-sm font-medium">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 font-mono text-sm">
              {/* 24 px: the smallest target WCAG 2.2 (2.5.8) allows. */}
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(change) => toggle(event, change.target.checked)}
                className="size-6"
              />
              {event}
            </label>
          ))}
          <p
            id={EVENTS_ERROR_ID}
            aria-live="polite"
            className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400"
          >
            {errors.events}
          </p>
        </fieldset>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Adding…" : "Add webhook"}
        </Button>
      </form>
      <div aria-live="polite">
        {created && <NewWebhookSecret url={created.url} secret={created.secret} />}
        {problem && (
          <FormAlert>
            <p>{problem}</p>
          </FormAlert>
        )}
      </div>
    </section>
  );
}
